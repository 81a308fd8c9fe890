// The doctor says "the weights already have the variance the activation needs" from the
// initializer's own σ_w² (its registry moments), not from a list of names: a SPEC's
// parameters count (kaiming-normal:nonlinearity=tanh is σ_w² 25/9, not He's 2;
// variance-scaling:scale=2 is He's; orthogonal:gain=2 is 4, not 1), and a preset whose
// formula misses its variance (TF.js's uncorrected truncation, 0.774) does not pass for it.
// The case: a first cost far above ln 2 (saturated outputs), whose fix depends on that premise.
import { chanceRun } from './helpers/doctor-record.js';
import { describe, expect, it } from 'vitest';
import { diagnoseRun, type DoctorInput } from '../src/train/doctor.js';

const saturatedFix = (init: string, activation: string) => {
  const run: DoctorInput = {
    ...chanceRun,
    costs: [
      { iteration: 0, cost: 40 },
      { iteration: 100, cost: 39 },
    ],
    learningRate: 0.01,
    init,
    activation,
  };
  return diagnoseRun(run).findings.find((f) => f.kind === 'saturated-output')!.fix;
};
const ALREADY = /already have the variance/;

describe("the doctor reads an initializer's variance from the registry", () => {
  for (const [init, activation, already] of [
    ['he', 'relu', true],
    ['kaiming-uniform', 'relu', true],
    ['variance-scaling:scale=2', 'relu', true],
    ['variance-scaling:scale=2,distribution=uniform', 'relu', true],
    ['kaiming-normal:nonlinearity=tanh', 'relu', false],
    ['tfjs-truncated-normal:scale=2', 'relu', false],
    ['xavier', 'relu', false],
    ['xavier', 'tanh', true],
    ['orthogonal', 'tanh', true],
    ['glorot-uniform', 'tanh', true],
    ['orthogonal:gain=2', 'tanh', false],
    ['tfjs-truncated-normal', 'tanh', false],
    ['pytorch-linear', 'tanh', false],
    ['random:scale=0.1', 'tanh', false],
    ['variance-scaling:scale=16', 'sigmoid', true],
    ['variance-scaling:scale=16,distribution=uniform', 'sigmoid', true],
    ['xavier', 'sigmoid', false],
  ] as const)
    it(`${init} under ${activation}: ${already ? 'already the variance' : 'not yet'}`, () => {
      const fix = saturatedFix(init, activation);
      if (already) expect(fix).toMatch(ALREADY);
      else expect(fix).not.toMatch(ALREADY);
    });
});
