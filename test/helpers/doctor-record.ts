// A run record for the doctor's tests: a run that ended at chance (cost 0.7 → 0.69, half the
// training set right) with no diagnostics; each test changes what its case is about.
import type { DoctorInput } from '../../src/train/doctor.js';

export const chanceRun: DoctorInput = {
  stopReason: 'completed',
  costs: [
    { iteration: 0, cost: 0.7 },
    { iteration: 100, cost: 0.69 },
  ],
  trainAccuracy: 0.5,
  learningRate: 0.1,
  diagnostics: [],
  symmetric: false,
};
