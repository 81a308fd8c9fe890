// `initlab theory`: what mean-field theory predicts for a deep network at initialization.
import type { Command } from 'commander';
import { activations } from '../../nn/activations.js';

export interface TheoryFlags {
  activation: string;
  weightVar: string;
  biasVar: string;
  q0: string;
  c0?: string;
  depth: string;
  json?: boolean;
}

export function registerTheoryCommand(program: Command): void {
  program
    .command('theory')
    .description('mean-field signal propagation (Poole et al. 2016, Schoenholz et al. 2017): q*, χ₁, c*, the depth scales ξ_q, ξ_c and the order-to-chaos line')
    .option('--activation <name>', `activation of every layer (${Object.keys(activations).join(', ')})`, 'tanh')
    .option('--weight-var <σ_w²>', 'weight variance times fan_in (N(0, σ_w²/fan_in) weights; He for ReLU is 2)', '1')
    .option('--bias-var <σ_b²>', 'bias variance', '0')
    .option('--q0 <q>', "the inputs' squared length per unit: the start of the layer-by-layer maps", '1')
    .option('--c0 <c>', 'also follow two inputs with this correlation through --depth layers')
    .option('--depth <n>', 'layers to follow with --c0', '10')
    .option('--json', 'print one JSON document: {"qStar","chi1","phase","cStar","chiC","xiQ","xiC","trainableDepth","critical",...}')
    .action(async (flags: TheoryFlags) => (await import('./theory-action.js')).runTheory(flags));
}
