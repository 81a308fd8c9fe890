// The activation registry.
import { describe, expect, it } from 'vitest';
import { type Activation, activationFromName, activations } from '../../src/nn/activations.js';

describe('the activation registry', () => {
  it('the registry lists each activation, and every one maps 0-size input without error', () => {
    for (const name of Object.keys(activations)) {
      const a: Activation = activationFromName(name);
      a.forward(new Float64Array(0), new Float64Array(0), 0);
    }
    expect(() => activationFromName('swish')).toThrow(/unknown activation "swish"/);
  });
});
