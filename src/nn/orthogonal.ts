// Orthonormal matrices from Gaussian draws: Householder QR with the sign fix (Saxe et al.
// 2014; as Keras' Orthogonal and PyTorch's orthogonal_ do it), so the result is uniformly
// distributed over the orthogonal matrices.

/**
 * Q (rows × cols, rows >= cols) with orthonormal columns from A (rows × cols, row-major):
 * A = QR, then each column of Q times the sign of R's diagonal entry.
 */
export function orthonormalColumns(A: Float64Array, rows: number, cols: number): Float64Array {
  const R = A.slice();
  const vs: Float64Array[] = [];
  for (let k = 0; k < cols; k++) {
    // Householder vector for column k, rows k..rows-1
    let norm = 0;
    for (let i = k; i < rows; i++) norm += R[i * cols + k] ** 2;
    norm = Math.sqrt(norm);
    const v = new Float64Array(rows - k);
    const alpha = R[k * cols + k] > 0 ? -norm : norm;
    for (let i = k; i < rows; i++) v[i - k] = R[i * cols + k];
    v[0] -= alpha;
    let vnorm = 0;
    for (let i = 0; i < v.length; i++) vnorm += v[i] * v[i];
    if (vnorm > 0) {
      for (let j = k; j < cols; j++) {
        let dot = 0;
        for (let i = k; i < rows; i++) dot += v[i - k] * R[i * cols + j];
        const f = (2 * dot) / vnorm;
        for (let i = k; i < rows; i++) R[i * cols + j] -= f * v[i - k];
      }
    }
    vs.push(vnorm > 0 ? v.map((x) => x / Math.sqrt(vnorm)) : v.fill(0));
  }
  // Q = H_0 H_1 … H_{cols-1} applied to the first `cols` columns of the identity
  const Q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) Q[j * cols + j] = 1;
  for (let k = cols - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += v[i - k] * Q[i * cols + j];
      for (let i = k; i < rows; i++) Q[i * cols + j] -= 2 * dot * v[i - k];
    }
  }
  // sign fix: make R's diagonal positive
  for (let j = 0; j < cols; j++) {
    if (R[j * cols + j] < 0) for (let i = 0; i < rows; i++) Q[i * cols + j] = -Q[i * cols + j];
  }
  return Q;
}
