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
  phaseDiagram?: boolean;
  weightVarMax: string;
  biasVarMax: string;
  grid: string;
  width: string;
  inits?: string;
  out?: string;
}

export function registerTheoryCommand(program: Command): void {
  program
    .command('theory')
    .description(
      'mean-field signal propagation (Poole et al. 2016, Schoenholz et al. 2017): q*, χ₁, c*, the depth scales ξ_q, ξ_c and the order-to-chaos line',
    )
    .option(
      '--activation <name>',
      `activation of every layer (${Object.keys(activations).join(', ')})`,
      'tanh',
    )
    .option(
      '--weight-var <σ_w²>',
      'weight variance times fan_in (N(0, σ_w²/fan_in) weights; He for ReLU is 2)',
      '1',
    )
    .option('--bias-var <σ_b²>', 'bias variance', '0')
    .option(
      '--q0 <q>',
      "the inputs' squared length per unit: the start of the layer-by-layer maps",
      '1',
    )
    .option('--c0 <c>', 'also follow two inputs with this correlation through --depth layers')
    .option('--depth <n>', 'layers to follow with --c0', '10')
    .option(
      '--json',
      'print one JSON document: {"qStar","lengthRegime","lengthRate","lengthStep" (grows only),"chi1","phase","cStar","chiC","xiQ","xiC","trainableDepth","undefinedBecause","critical",...} (a null depth scale comes with its reason in undefinedBecause; χ_c = σ_w² E[φ′(u1)φ′(u2)] at c*, Schoenholz et al. 2017 eq. 5: for ReLU at c* = 1, σ_w²/2); with --phase-diagram {"activation","weightVars","biasVars","cells":[[{"weightVar","biasVar","phase","chi1","xiC","trainableDepth"}...]...],"critical","initializers"}',
    )
    .option(
      '--phase-diagram',
      'the (σ_w², σ_b²) plane of --activation: the order-to-chaos line, the trainable depth 6ξ_c over a grid, and where the initializers fall',
    )
    .option(
      '--weight-var-max <σ_w²>',
      "with --phase-diagram: the grid's largest σ_w² (from 0.1)",
      '4',
    )
    .option(
      '--bias-var-max <σ_b²>',
      "with --phase-diagram: the grid's largest σ_b² (from 0)",
      '0.3',
    )
    .option('--grid <cols,rows>', 'with --phase-diagram: grid points along σ_w² and σ_b²', '27,13')
    .option(
      '--width <n>',
      "with --phase-diagram: the square layer's width the initializers are placed for (pytorch-linear's σ_b² = 1/(3·width))",
      '100',
    )
    .option(
      '--inits <list>',
      'with --phase-diagram: comma-separated initializers to place, each a registry SPEC with its own parameters (as compare --inits: he,orthogonal:gain=1.2,variance-scaling:scale=2,mode=fan_avg); default: every registry entry at its own defaults',
    )
    .option(
      '--out <dir>',
      'with --phase-diagram: also write a report folder (phase-diagram.svg/.png, results.json, index.html)',
    )
    .action(async (flags: TheoryFlags) => (await import('./theory-action.js')).runTheory(flags));
}
