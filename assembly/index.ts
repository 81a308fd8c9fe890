// The kernels module's exports: the kernels one by one (assembly/kernels.ts), the sigmoid
// (assembly/exp.ts) and whole training iterations (assembly/train-steps.ts).
export * from './kernels';
export { sigmoidBackward, sigmoidForward } from './exp';
export { trainSteps } from './train-steps';
