// initlab's library: numpy-exact randomness and data, the float64 engine, training.
// Every public name is listed here by hand (no `export *`), so a helper added to a
// module for the CLI or the web lab never becomes part of the package by accident.
// Each name's documentation lives beside its code; `npm run docs:api` builds docs/api.

export {
  InitlabError,
  UsageError,
  DataError,
  FileError,
  isInitlabError,
  type InitlabErrorKind,
} from './errors.js';

// numpy's random numbers
export { MT19937 } from './rng/mt19937.js';
export { RandomState, checkSeed, MAX_SEED } from './rng/random-state.js';

// data
export { Matrix } from './linalg/matrix.js';
export { datasetFromExamples, validateDataset, type Dataset } from './data/dataset.js';
export { makeCircles, type CirclesOptions } from './data/circles.js';
export { makeMoons, type MoonsOptions } from './data/moons.js';
export {
  datasets,
  datasetFromSpec,
  datasetNames,
  type DatasetDefinition,
} from './data/registry.js';
export { parseSpec, type ParsedSpec } from './spec.js';
export type { ParamSchema } from './validate.js';
export type { ShouldStop } from './stop.js';

// the network
export {
  relu,
  sigmoid,
  tanh,
  linear,
  leakyRelu,
  elu,
  selu,
  SELU_ALPHA,
  SELU_SCALE,
  activations,
  activationFromName,
  type Activation,
  type ActivationEntry,
} from './nn/activations.js';
export {
  initializers,
  initializerNames,
  defaultParams,
  resolveInitializer,
  gainFor,
  TRUNCATED_NORMAL_STD,
  RANDOM_SCALE,
  type Initializer,
  type InitializerOptions,
  type InitializerOverrides,
  type ResolvedInitializer,
  type ParamDef,
  type ParamValue,
} from './nn/initializers.js';
export {
  orthogonalWeights,
  orthonormalColumns,
  OrthogonalInterrupted,
  orthogonalConventions,
  type OrthogonalConvention,
  type OrthogonalHooks,
  shareOrthogonalWork,
  type OrthogonalThreads,
} from './nn/orthogonal.js';
export {
  tsKernels,
  type Kernels,
  type Allocator,
  type FusedLayer,
  type FusedSteps,
} from './nn/kernels.js';
export type { OptimizerSpec } from './nn/optimizers.js';
export { getKernels, backendNames, type BackendName } from './nn/backends.js';
export { softplus, stableCrossEntropy, naiveCrossEntropy } from './nn/loss.js';
export {
  initializeNetwork,
  defaultActivations,
  cloneNetwork,
  parameterCount,
  isFiniteNetwork,
  networkToDict,
  type Network,
  type InitOptions,
} from './nn/network.js';
export { forward, backward, predictProba } from './nn/propagation.js';
export { Workspace } from './nn/workspace.js';

// training
export {
  train,
  trainAsync,
  costReports,
  type TrainOptions,
  type TrainResult,
  type CostPoint,
  type CostReport,
  type StopReason,
} from './train/train.js';
export { threshold, accuracyOf, predictLabels, accuracy } from './train/metrics.js';
export type { DiagnosticsPoint, LayerStats } from './train/diagnostics.js';
export type { Moments } from './nn/moments.js';
export { decayedRate, parseLrDecay, lrDecayNames, type LrDecay } from './train/lr-decay.js';
export {
  gradientCheck,
  courseGradientCheckCase,
  type GradientCheckLoss,
  type GradientCheckOptions,
  type ParameterDict,
  type ExamplesInput,
} from './train/gradient-check.js';

// experiments
export {
  runExperiment,
  runExperimentAsync,
  type RunConfig,
  type RunResult,
  type RunOutput,
  type RunHooks,
} from './experiments/run.js';
export { notebookData } from './experiments/notebook.js';
export {
  NOTEBOOK_DEFAULTS,
  NOTEBOOK_INITS,
  NOTEBOOK_TRAIN_SPEC,
  NOTEBOOK_TEST_SPEC,
} from './experiments/notebook-config.js';
export { verdict, isSymmetric, type VerdictInput } from './experiments/verdict.js';
export { probe, type ProbeConfig, type ProbeLayer, type ProbeResult } from './experiments/probe.js';
export type { JacobianSpectrum } from './experiments/probe-measures.js';
export { probeTheory, type ProbeTheoryLayer } from './experiments/probe-theory.js';
export { reproductions, runReproduction } from './reproduce/registry.js';
export type {
  Check,
  Figure,
  SeriesPoint,
  Reproduction,
  ReproductionResult,
} from './reproduce/result.js';

// theory
export { scalarActivation, type ScalarActivation } from './theory/activation-calculus.js';
export {
  meanField,
  lengthMap,
  lengthMapSlope,
  lengthFixedPoint,
  chi1,
  correlationMap,
  correlationSlope,
  correlationFixedPoint,
  criticalWeightVar,
  pairTrajectory,
  activationMoments,
  derivativeMoment,
  type MeanFieldPoint,
  type MeanFieldSummary,
  type LengthRegime,
  type Phase,
  type PairLayer,
} from './theory/mean-field.js';
export {
  phaseDiagram,
  initializerPoints,
  placeInitializer,
  placeInitializers,
  type PhaseDiagram,
  type PhaseCell,
  type InitializerPoint,
  type UnplacedInitializer,
  type Placements,
  type GridAxis,
} from './theory/phase-diagram.js';
export {
  hasMoments,
  TRUNCATED_NORMAL_VARIANCE,
  type DrawMoments,
  type NoDrawMoments,
  type LayerMoments,
} from './nn/draw-moments.js';

// the run doctor
export {
  diagnoseRun,
  describeDiagnosis,
  biasesAtStart,
  type BiasesAtStart,
  type Diagnosis,
  type DoctorInput,
  type Finding,
  type FindingKind,
} from './train/doctor.js';
export { divergenceOf, type Divergence, type DivergenceInput } from './train/divergence.js';
export { inputScale, type InputScale } from './data/scale.js';

// printing as numpy does
export { pyFloat, formatNumpy } from './format.js';
