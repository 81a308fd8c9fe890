// The registries' names alone, for --help texts: the command definitions load at every
// start, and importing the registries themselves would load their schemas (zod) too.
// test/validation.test.ts holds these lists equal to the registries.

export const INITIALIZER_NAMES = [
  'zeros',
  'ones',
  'constant',
  'random',
  'he',
  'xavier',
  'random-normal',
  'random-uniform',
  'truncated-normal',
  'variance-scaling',
  'he-normal',
  'he-uniform',
  'glorot-normal',
  'glorot-uniform',
  'lecun-normal',
  'lecun-uniform',
  'kaiming-normal',
  'kaiming-uniform',
  'pytorch-linear',
  'keras-dense',
  'flax-dense',
  'tfjs-truncated-normal',
  'pytorch-selu',
  'orthogonal',
  'identity',
  'lsuv',
] as const;

export const ACTIVATION_NAMES = [
  'relu',
  'leaky-relu',
  'tanh',
  'sigmoid',
  'linear',
  'elu',
  'selu',
] as const;
