// The lab shows the doctor's advice without CLI flags: every fix the doctor can give, for
// every activation and a mismatched initializer, reads with the lab's control names.
import { chanceRun } from './helpers/doctor-record.js';
import { describe, expect, it } from 'vitest';
import { describeDiagnosis, diagnoseRun, type DoctorInput } from '../src/train/doctor.js';
import { inLabWords } from '../web/src/doctor-words.js';

const base: DoctorInput = chanceRun;

describe("the doctor's lines in the lab's words", () => {
  const runs: DoctorInput[] = [];
  for (const activation of ['relu', 'tanh', 'sigmoid', 'leaky-relu:slope=0.1', 'elu'])
    for (const init of ['zeros', 'random', 'xavier', 'he'])
      runs.push(
        { ...base, activation, init },
        { ...base, activation, init, symmetric: true },
        {
          ...base,
          activation,
          init,
          costs: [
            { iteration: 0, cost: 40 },
            { iteration: 100, cost: 30 },
          ],
        },
        {
          ...base,
          activation,
          init,
          stopReason: 'diverged',
          divergedAt: 3,
          costs: [{ iteration: 0, cost: 0.7 }],
        },
      );
  it('no --flag is left, and the control names are there', () => {
    let named = 0;
    for (const run of runs)
      for (const line of describeDiagnosis(diagnoseRun(run)).map(inLabWords)) {
        expect(line).not.toMatch(/(^|\s|\()--[a-z]/);
        if (/initialization \S+|learning rate \d/.test(line)) named++;
      }
    expect(named).toBeGreaterThan(20);
  });
});
