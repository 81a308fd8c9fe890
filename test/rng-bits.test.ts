// numpy's legacy Gaussians bit for bit, and the C library's log they depend on, against
// test/fixtures/gauss_bits.json (SHA-256 digests of numpy's float64 values, made by
// scripts/make_gauss_fixture.py with numpy 1.24 on glibc 2.36).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { libmLog, libmLogFused } from '../src/rng/libm-log.js';
import { RandomState } from '../src/rng/random-state.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/gauss_bits.json', import.meta.url), 'utf8'),
);

/** SHA-256 of the values as little-endian float64 bytes (numpy's "<f8"). */
function digest(values: ArrayLike<number>): string {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  return createHash('sha256').update(new Uint8Array(view.buffer)).digest('hex');
}

type Call = ['randn', number] | ['normal', number, number, number];

function draw(seed: number, calls: Call[]): Float64Array {
  const rs = new RandomState(seed);
  const parts = calls.map((c) => (c[0] === 'randn' ? rs.randn(c[1]) : rs.normal(c[1], c[2], c[3])));
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe("Gaussian streams equal numpy's bit for bit", () => {
  const total = fixture.streams.reduce((s: number, x: { count: number }) => s + x.count, 0);
  it(`the fixture holds more than 100,000 draws (${total})`, () =>
    expect(total).toBeGreaterThan(100_000));
  for (const s of fixture.streams) {
    it(`seed ${s.seed}: ${s.calls.map((c: Call) => c.join(' ')).join(', ')}`, () => {
      const v = draw(s.seed, s.calls);
      expect(v.length).toBe(s.count);
      expect(Array.from(v.subarray(0, 16))).toEqual(s.first);
      // the block digests first: a failure names the block of 10,000 where the streams part
      const blocks = s.blocks.map((_: string, b: number) =>
        digest(v.subarray(b * 10_000, (b + 1) * 10_000)),
      );
      expect(blocks).toEqual(s.blocks);
      expect(digest(v)).toBe(s.sha256);
    });
  }
  it('the draws issue 11 names: seed 7 (its 13th value is 0.5052993741967516) and the He weights of seed 3', () => {
    const rs = new RandomState(7);
    rs.randn(3);
    expect(Array.from(rs.randn(40))).toEqual(fixture.examples['seed 7, randn(3) then randn(40)']);
    const key = Object.keys(fixture.examples).find((k) => k.startsWith('seed 3'))!;
    const want = new Float64Array(
      Uint8Array.from(Buffer.from(fixture.examples[key], 'base64')).buffer,
    );
    const r3 = new RandomState(3);
    const got = [...r3.randn(20), ...r3.randn(50), ...r3.randn(5)];
    expect(got).toEqual(Array.from(want));
    expect(fixture.examples['seed 7, randn(3) then randn(40)'][9]).toBe(0.5052993741967516);
  });
});

/** The fixture's log inputs, rebuilt from the same RandomState draws. */
function logInputs(kind: string, seed: number, n: number): Float64Array {
  const rs = new RandomState(seed);
  const out = new Float64Array(n);
  const bits = new DataView(new ArrayBuffer(8));
  const fromBits = (hi: number, lo: number) => {
    bits.setUint32(0, hi);
    bits.setUint32(4, lo);
    return bits.getFloat64(0);
  };
  if (kind === 'positive' || kind === 'subnormal') {
    const hi = rs.randint(0, 2 ** 32, n);
    const lo = rs.randint(0, 2 ** 32, n);
    for (let i = 0; i < n; i++)
      out[i] = fromBits(
        kind === 'positive' ? (hi[i] & 0x7fffffff) % 0x7ff00000 : hi[i] & 0x000fffff,
        lo[i],
      );
  } else if (kind === 'near-one') {
    for (let i = 0; i < n; i++) out[i] = 0.92 + 0.16 * rs.nextDouble();
  } else {
    for (let i = 0; i < n;) {
      const x1 = 2.0 * rs.nextDouble() - 1.0;
      const x2 = 2.0 * rs.nextDouble() - 1.0;
      const r2 = x1 * x1 + x2 * x2;
      if (r2 > 0 && r2 < 1) out[i++] = r2;
    }
  }
  return out;
}

describe("libmLog is the C library's log bit for bit", () => {
  for (const c of fixture.log) {
    it(`${c.count} ${c.kind} inputs (seed ${c.seed})`, () => {
      const xs = logInputs(c.kind, c.seed, c.count);
      expect(digest(xs.map(libmLog))).toBe(c.sha256);
      // the exact fused path alone, which the fast path falls back to near rounding midpoints
      expect(digest(xs.map(libmLogFused))).toBe(c.sha256);
      // and the test can tell: Math.log rounds some of them otherwise
      if (c.kind !== 'subnormal') expect(digest(xs.map(Math.log))).not.toBe(c.sha256);
    });
  }
  it('special values', () => {
    expect(libmLog(0)).toBe(-Infinity);
    expect(libmLog(-0)).toBe(-Infinity);
    expect(libmLog(Infinity)).toBe(Infinity);
    expect(libmLog(-1)).toBeNaN();
    expect(libmLog(NaN)).toBeNaN();
    expect(Object.is(libmLog(1), 0)).toBe(true);
    expect(libmLog(Math.E)).toBe(1);
    expect(libmLog(5e-324)).toBe(-744.4400719213812);
    expect(libmLog(Number.MAX_VALUE)).toBe(709.782712893384);
  });
});
