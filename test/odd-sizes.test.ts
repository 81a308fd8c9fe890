// Every initializer at its own defaults on odd layer sizes (1, 3 and 1000 units), bit for bit
// against numpy's draws of the frameworks' documented formulas.
// Fixture: /usr/bin/python3 scripts/make_odd_sizes_fixture.py > test/fixtures/odd_sizes.json
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initializers } from '../src/nn/initializers.js';
import { initializeNetwork } from '../src/nn/network.js';

interface Case {
  init: string;
  layers: number[];
  sha256: string;
  first: number[];
}
const fixture: { seed: number; cases: Case[] } = JSON.parse(
  readFileSync(new URL('./fixtures/odd_sizes.json', import.meta.url), 'utf8'),
);

describe('initializers on layers of 1, 3 and 1000 units', () => {
  for (const c of fixture.cases) {
    it(`${c.init} on ${c.layers.join(',')}`, () => {
      const net = initializeNetwork(c.layers, initializers[c.init], { seed: fixture.seed });
      expect(net.W.map((w) => w.data[0])).toEqual(c.first);
      const hash = createHash('sha256');
      net.W.forEach((w, l) => {
        hash.update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));
        hash.update(
          new Uint8Array(net.b[l].data.buffer, net.b[l].data.byteOffset, net.b[l].data.byteLength),
        );
      });
      expect(hash.digest('hex'), 'every weight and bias, bit for bit').toBe(c.sha256);
    });
  }
});
