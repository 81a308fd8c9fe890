// Gradient checking, as the course teaches it: compare backprop's gradient g with the
// two-sided difference g̃ = (J(θ + ε) − J(θ − ε)) / 2ε for every parameter, and report
// ‖g − g̃‖ / (‖g‖ + ‖g̃‖): about 1e-7 or less means backprop is right.
import type { Dataset } from '../data/dataset.js';
import { stableCrossEntropy } from '../nn/loss.js';
import { backward, forward, type Network, Workspace } from '../nn/network.js';
import { checkStop, type ShouldStop } from '../stop.js';

export interface GradientCheckOptions {
  /** The finite-difference step (default 1e-7, the course's). */
  epsilon?: number;
  /** Checked before each parameter: true ends the check (it throws StopRequested). */
  shouldStop?: ShouldStop;
  /** Told how many of the `total` parameters are done, about every 1% of them. */
  onProgress?: (done: number, total: number) => void;
}

/** The relative difference; two forward passes per parameter, so its time grows as parameters × forward pass. */
export function gradientCheck(net: Network, data: Dataset, hooks: GradientCheckOptions = {}): number {
  const epsilon = hooks.epsilon ?? 1e-7;
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
  const total = params.reduce((s, P) => s + P.length, 0);
  const every = Math.max(1, Math.floor(total / 100));
  let done = 0;
  params.forEach((P, p) => {
    for (let i = 0; i < P.length; i++) {
      checkStop(hooks.shouldStop, 'the gradient check');
      if (done++ % every === 0) hooks.onProgress?.(done - 1, total);
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
  hooks.onProgress?.(total, total);
  const denom = Math.sqrt(g2) + Math.sqrt(a2);
  return denom === 0 ? 0 : Math.sqrt(diff2) / denom;
}
