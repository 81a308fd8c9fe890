// A labelled binary-classification dataset in the notebook's layout.
import { DataError } from '../errors.js';
import { Matrix } from '../linalg/matrix.js';

/** X is (features × m), Y is (1 × m) with 0/1 labels, as in the notebook. */
export interface Dataset {
  /** The examples as columns: (features × m). */
  X: Matrix;
  /** The labels, 0 or 1: (1 × m). */
  Y: Matrix;
}

/**
 * Builds a dataset from examples given as rows (m × features) and their m labels.
 * @throws DataError for rows of different lengths, a non-finite value, or a label other than 0 or 1
 */
export function datasetFromExamples(
  points: ArrayLike<ArrayLike<number>>,
  labels: ArrayLike<number>,
): Dataset {
  const m = points.length;
  if (labels.length !== m) throw new DataError(`${m} examples but ${labels.length} labels`);
  const n = m ? points[0].length : 0;
  const X = new Matrix(n, m);
  const Y = new Matrix(1, m);
  for (let j = 0; j < m; j++) {
    if (points[j].length !== n)
      throw new DataError(`example ${j} has ${points[j].length} features, expected ${n}`);
    for (let f = 0; f < n; f++) X.data[f * m + j] = points[j][f];
    Y.data[j] = labels[j];
  }
  return validateDataset({ X, Y });
}

/**
 * Checks shapes (X: features × m, Y: 1 × m, m and features ≥ 1), finiteness and 0/1 labels.
 * @returns the dataset unchanged
 * @throws DataError naming the first problem found
 */
export function validateDataset(d: Dataset): Dataset {
  const { X, Y } = d;
  if (Y.rows !== 1) throw new DataError(`Y must have one row, got shape (${Y.rows}, ${Y.cols})`);
  if (X.cols !== Y.cols) throw new DataError(`X has ${X.cols} examples but Y has ${Y.cols}`);
  if (X.cols === 0) throw new DataError('the dataset has no examples');
  if (X.rows === 0) throw new DataError('the dataset has no features');
  for (let i = 0; i < X.data.length; i++) {
    if (!Number.isFinite(X.data[i])) {
      throw new DataError(
        `feature ${Math.floor(i / X.cols) + 1} of example ${(i % X.cols) + 1} is not a finite number (${X.data[i]})`,
      );
    }
  }
  for (let j = 0; j < Y.cols; j++) {
    if (Y.data[j] !== 0 && Y.data[j] !== 1)
      throw new DataError(`label of example ${j + 1} is ${Y.data[j]}; labels must be 0 or 1`);
  }
  return d;
}
