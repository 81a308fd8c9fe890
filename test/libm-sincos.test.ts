// sin and cos bit for bit as the C library (glibc) computes them, on a million inputs across
// every range-reduction path, on every point of the circles and moons linspaces for 1 … 1000
// points, and at each branch point of glibc's algorithm.
// Fixture: /usr/bin/python3 scripts/make_sincos_reference.py > test/fixtures/sincos_reference.json
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linspace } from '../src/data/two-class.js';
import { libmCos, libmSin } from '../src/rng/libm-sincos.js';
import { RandomState } from '../src/rng/random-state.js';

interface Band {
  band: string;
  count: number;
  sin: string;
  cos: string;
  x: number[];
  sinHead: number[];
  cosHead: number[];
}
const fixture: { bands: Band[]; edges: { x: number[]; sin: number[]; cos: number[] } } = JSON.parse(
  readFileSync(new URL('./fixtures/sincos_reference.json', import.meta.url), 'utf8'),
);

/** The script's inputs, drawn in the same order from the same RandomState. */
function inputs(): Map<string, Float64Array> {
  const rs = new RandomState(2026);
  const bands = new Map<string, Float64Array>();
  bands.set('unit', rs.uniform(-1, 1, 200000));
  bands.set('ten', rs.uniform(-10, 10, 400000));
  bands.set('1e4', rs.uniform(-1e4, 1e4, 150000));
  bands.set('1.1e8', rs.uniform(-1.1e8, 1.1e8, 150000));
  const huge = rs.uniform(1, 2, 100000);
  for (let i = 0; i < huge.length; i++) huge[i] *= (i % 2 === 0 ? 1 : -1) * 2 ** (27 + (i % 990));
  bands.set('huge', huge);
  const concat = (parts: Float64Array[]) => {
    const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const sizes = Array.from({ length: 1000 }, (_, i) => i + 1);
  bands.set('circles-linspace', concat(sizes.map((m) => linspace(0, 2 * Math.PI, m, false))));
  bands.set('moons-linspace', concat(sizes.map((m) => linspace(0, Math.PI, m))));
  return bands;
}

function sha256(values: Float64Array): string {
  return createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}

const isLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

describe("sin and cos equal the C library's bit for bit", () => {
  const bands = inputs();
  for (const band of fixture.bands) {
    it(`${band.band}: ${band.count} inputs`, () => {
      const x = bands.get(band.band)!;
      expect(x.length).toBe(band.count);
      expect(Array.from(x.subarray(0, 20))).toEqual(band.x);
      const s = x.map(libmSin);
      const c = x.map(libmCos);
      expect(Array.from(s.subarray(0, 20))).toEqual(band.sinHead);
      expect(Array.from(c.subarray(0, 20))).toEqual(band.cosHead);
      expect(isLittleEndian).toBe(true); // the digests are of little-endian bytes
      expect(sha256(s), 'every sine').toBe(band.sin);
      expect(sha256(c), 'every cosine').toBe(band.cos);
    });
  }

  it('at each branch point of the algorithm, one ulp either side, and at the extremes', () => {
    const { x, sin, cos } = fixture.edges;
    x.forEach((v, i) => {
      expect(libmSin(v), `sin(${v})`).toBe(sin[i]);
      expect(libmCos(v), `cos(${v})`).toBe(cos[i]);
    });
  });

  it('keeps the sign of zero, and gives NaN for infinities and NaN', () => {
    expect(Object.is(libmSin(-0), -0)).toBe(true);
    expect(libmCos(-0)).toBe(1);
    for (const v of [Infinity, -Infinity, NaN]) {
      expect(libmSin(v)).toBeNaN();
      expect(libmCos(v)).toBeNaN();
    }
  });

  it("is not V8's Math.sin: the fixture tells the two apart", () => {
    const x = bands.get('ten')!;
    let differ = 0;
    for (let i = 0; i < 20000; i++) if (Math.sin(x[i]) !== libmSin(x[i])) differ++;
    expect(differ).toBeGreaterThan(0);
  });
});
