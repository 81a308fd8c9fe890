// trainAsync's step sizing: an advance should fill about a fifth of a slice, within 1..10,000.
import { describe, expect, it } from 'vitest';
import { MAX_STEPS, nextSteps } from '../../src/train/slice-steps.js';

describe('nextSteps', () => {
  it("fills a fifth of the slice at the last advance's pace", () => {
    // 10 iterations took 2 ms: 0.2 ms each; a fifth of a 50 ms slice is 10 ms: 50 iterations
    expect(nextSteps(10, 2, 50)).toBe(50);
    // one slow iteration of 100 ms: never fewer than one
    expect(nextSteps(1, 100, 50)).toBe(1);
    // 3 iterations in 1 ms with a 20 ms slice: 4 ms / (1/3 ms) = 12
    expect(nextSteps(3, 1, 20)).toBe(12);
  });
  it('caps very fast iterations, and a clock that read 0 gives the cap, not infinity', () => {
    expect(nextSteps(100, 0, 50)).toBe(MAX_STEPS);
    expect(nextSteps(1000, 0.001, 50)).toBe(MAX_STEPS);
  });
  it('shrinks as iterations slow down, grows as they speed up', () => {
    const slow = nextSteps(100, 50, 50);
    const fast = nextSteps(100, 5, 50);
    expect(slow).toBe(20);
    expect(fast).toBe(200);
  });
});
