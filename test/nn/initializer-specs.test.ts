// Initializer SPECs: parameters read, mistakes named.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { resolveInitializer } from '../../src/nn/initializers.js';

describe('initializer specs', () => {
  it('the scale option, and clear errors', () => {
    expect(resolveInitializer('random:scale=0.5').opts.scale).toBe(0.5);
    expect(() => resolveInitializer('glorot')).toThrow(
      /unknown initialization "glorot"; accepted: zeros, .*glorot-normal/,
    );
    expect(() => resolveInitializer('he:scale=2')).toThrow(UsageError);
    expect(() => resolveInitializer('random:scale=abc')).toThrow(/finite number/);
  });
});
