// initlab's library: numpy-exact randomness and data, the float64 engine, training.
export * from './errors.js';
export { MT19937 } from './rng/mt19937.js';
export { RandomState, checkSeed, MAX_SEED } from './rng/random-state.js';
export { Matrix } from './nn/matrix.js';
export type { Dataset } from './data/dataset.js';
export { datasetFromExamples, validateDataset } from './data/dataset.js';
export { makeCircles, type CirclesOptions } from './data/circles.js';
export { makeMoons, type MoonsOptions } from './data/moons.js';
export { datasets, datasetFromSpec, datasetNames, NOTEBOOK_TRAIN_SPEC, NOTEBOOK_TEST_SPEC } from './data/registry.js';
export * from './nn/activations.js';
export * from './nn/initializers.js';
export { type Kernels, tsKernels } from './nn/kernels.js';
export { getKernels, backendNames, type BackendName } from './nn/backends.js';
export * from './nn/loss.js';
export * from './nn/network.js';
export * from './train/metrics.js';
export * from './train/train.js';
export { decayedRate, parseLrDecay, lrDecayNames, type LrDecay } from './train/lr-decay.js';
export { gradientCheck, courseGradientCheckCase, type GradientCheckLoss, type GradientCheckOptions, type ParameterDict, type ExamplesInput } from './train/gradient-check.js';
export { orthogonalWeights, orthonormalColumns, OrthogonalInterrupted, orthogonalConventions, type OrthogonalConvention, type OrthogonalHooks } from './nn/orthogonal.js';
export * from './experiments/run.js';
export * from './experiments/notebook.js';
export { verdict, isSymmetric } from './experiments/verdict.js';
export { pyFloat, formatNumpy } from './format.js';
export { parseSpec } from './spec.js';
export { scalarActivation, type ScalarActivation } from './theory/activation-calculus.js';
export {
  meanField, lengthMap, lengthMapSlope, lengthFixedPoint, chi1, correlationMap, correlationSlope, correlationFixedPoint, criticalWeightVar, pairTrajectory,
  activationMoments, derivativeMoment, type MeanFieldPoint, type MeanFieldSummary, type Phase, type PairLayer,
} from './theory/mean-field.js';
export { probe, type ProbeConfig, type ProbeLayer, type ProbeResult } from './experiments/probe.js';
export { probeTheory, type ProbeTheoryLayer } from './experiments/probe-theory.js';
export { phaseDiagram, initializerPoints, type PhaseDiagram, type PhaseCell, type InitializerPoint, type GridAxis } from './theory/phase-diagram.js';
export { diagnoseRun, describeDiagnosis, type Diagnosis, type DoctorInput, type Finding, type FindingKind } from './train/doctor.js';
export { reproductions, runReproduction } from './reproduce/registry.js';
export type { Check, Reproduction, ReproductionResult } from './reproduce/result.js';
