// Gradient checking, as the course teaches it: compare backprop's gradient g with the
// two-sided difference g̃ = (J(θ + ε) − J(θ − ε)) / 2ε for every parameter, and report
// ‖g − g̃‖ / (‖g‖ + ‖g̃‖): about 1e-7 or less means backprop is right.
import type { Dataset } from '../data/dataset.js';
import { stableCrossEntropy } from '../nn/loss.js';
import { backward, forward, type Network, Workspace } from '../nn/network.js';

export function gradientCheck(net: Network, data: Dataset, epsilon = 1e-7): number {
  const { X, Y } = data;
  const ws = new Workspace(net.dims, X.cols);
  const cost = () => {
    forward(net, X, ws);
    return stableCrossEntropy(ws.logits, Y.data, X.cols);
  };
  forward(net, X, ws);
  backward(net, X, Y, ws);
  const grads = ws.gradients.map((g) => g.slice());
  const params = net.W.flatMap((w, l) => [w.data, net.b[l].data]);
  let diff2 = 0, g2 = 0, a2 = 0;
  params.forEach((P, p) => {
    for (let i = 0; i < P.length; i++) {
      const keep = P[i];
      P[i] = keep + epsilon;
      const plus = cost();
      P[i] = keep - epsilon;
      const minus = cost();
      P[i] = keep;
      const approx = (plus - minus) / (2 * epsilon);
      diff2 += (grads[p][i] - approx) ** 2;
      g2 += grads[p][i] ** 2;
      a2 += approx ** 2;
    }
  });
  const denom = Math.sqrt(g2) + Math.sqrt(a2);
  return denom === 0 ? 0 : Math.sqrt(diff2) / denom;
}
