// Each registry entry's stated moments (E[W], Var(W), Var(b)) and its place in the
// (σ_w², σ_b²) plane, against the frameworks' documented formulas
// (scripts/make_initializer_moments_reference.py → test/fixtures/initializer_moments.json,
// numpy/scipy, nothing from initlab), on square and non-square layers, at each entry's own
// defaults and with parameters that move it.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hasMoments, normalMoments } from '../src/nn/draw-moments.js';
import { type Initializer, initializers, resolveInitializer } from '../src/nn/initializers.js';
import { scalarActivation } from '../src/theory/activation-calculus.js';
import {
  initializerPoints,
  phaseDiagram,
  placeInitializer,
  placeInitializers,
} from '../src/theory/phase-diagram.js';

interface Moments {
  weightMean: number;
  weightVariance: number;
  biasVariance: number;
}
const ref = JSON.parse(
  readFileSync(new URL('./fixtures/initializer_moments.json', import.meta.url), 'utf8'),
) as {
  width: number;
  cases: {
    spec: string;
    shapes: { fanOut: number; fanIn: number; moments: Moments | null }[];
    point: { weightVar: number; biasVar: number; scalesWithWidth: boolean } | null;
  }[];
};

/** Equal to 1e-12 relative (exactly, where the reference is 0). */
const near = (got: number, want: number, what: string) =>
  want === 0
    ? expect(got, what).toBe(0)
    : expect(Math.abs(got / want - 1), `${what}: ${got} vs ${want}`).toBeLessThan(1e-12);

describe('each entry states its draw from its definition', () => {
  it('the reference covers every registry entry at its own defaults', () => {
    const specs = new Set(ref.cases.map((c) => c.spec));
    for (const name of Object.keys(initializers)) expect(specs.has(name), name).toBe(true);
  });
  for (const c of ref.cases)
    it(`${c.spec}: E[W], Var(W), Var(b) on 100×100, 30×70 and 70×30 layers`, () => {
      const { init, opts } = resolveInitializer(c.spec);
      for (const s of c.shapes) {
        const m = init.moments(s.fanOut, s.fanIn, opts);
        const where = `${c.spec} ${s.fanOut}×${s.fanIn}`;
        if (s.moments === null) {
          expect(hasMoments(m), where).toBe(false);
          continue;
        }
        if (!hasMoments(m)) throw new Error(`${where}: ${m.undefinedBecause}`);
        near(m.weightMean, s.moments.weightMean, `${where} mean`);
        near(m.weightVariance, s.moments.weightVariance, `${where} Var(W)`);
        near(m.biasVariance, s.moments.biasVariance, `${where} Var(b)`);
      }
    });
});

describe('the phase diagram places what the registry states', () => {
  for (const c of ref.cases)
    it(`${c.spec}: ${c.point === null ? 'no point, with a reason' : `(${c.point.weightVar.toPrecision(6)}, ${c.point.biasVar.toPrecision(6)})`}`, () => {
      const p = placeInitializer(c.spec, ref.width);
      if (c.point === null) {
        expect('reason' in p, c.spec).toBe(true);
        if ('reason' in p) expect(p.reason.length).toBeGreaterThan(20);
        return;
      }
      if ('reason' in p) throw new Error(`${c.spec}: ${p.reason}`);
      near(p.weightVar, c.point.weightVar, `${c.spec} σ_w²`);
      near(p.biasVar, c.point.biasVar, `${c.spec} σ_b²`);
      expect(p.scalesWithWidth, c.spec).toBe(c.point.scalesWithWidth);
    });

  it('by default every registry entry is either on a point or unplaced, once', () => {
    const { placed, unplaced } = placeInitializers(ref.width);
    const named = [...placed.flatMap((p) => p.names), ...unplaced.map((u) => u.name)];
    expect(named.sort()).toEqual(Object.keys(initializers).sort());
    // entries on one formula share one point: he's five, the σ_w² = 1 family
    const he = placed.find((p) => p.names.includes('he'))!;
    expect(he.names.sort()).toEqual(
      ['he', 'he-normal', 'he-uniform', 'kaiming-normal', 'kaiming-uniform'].sort(),
    );
    const one = placed.find((p) => p.names.includes('xavier'))!;
    for (const n of ['lecun-normal', 'keras-dense', 'flax-dense', 'orthogonal', 'glorot-uniform'])
      expect(one.names, n).toContain(n);
    expect(one.names).not.toContain('tfjs-truncated-normal');
  });

  it('the diagram itself carries the points and the unplaced entries with their reasons', () => {
    const d = phaseDiagram(
      scalarActivation('tanh'),
      { min: 1, max: 1, count: 1 },
      { min: 0, max: 0, count: 1 },
      { criticalCount: 1, width: 50, initializers: ['he', 'random:scale=0.3', 'identity'] },
    );
    expect(d.initializers.map((p) => p.names)).toEqual([['he'], ['random:scale=0.3']]);
    near(d.initializers[1].weightVar, 50 * 0.09, 'random:scale=0.3 at width 50');
    expect(d.unplaced.map((u) => u.name)).toEqual(['identity']);
  });

  it('a fixed scale that lands on a fan-scaled point at this width keeps a point of its own', () => {
    const placed = initializerPoints(100, ['xavier', 'random:scale=0.1', 'lecun-normal']);
    expect(placed.map((p) => p.names)).toEqual([['xavier', 'lecun-normal'], ['random:scale=0.1']]);
    expect(placed.map((p) => p.scalesWithWidth)).toEqual([false, true]);
  });
});

describe('no second list: a new registry entry lands where its own moments say', () => {
  const name = 'test-only-variance-three';
  afterEach(() => {
    delete initializers[name];
  });
  it('an entry added to the registry appears on the default diagram at σ_w² = 3', () => {
    const entry: Initializer = {
      ...initializers.xavier,
      name,
      moments: (_fanOut, fanIn) => normalMoments(0, Math.sqrt(3 / fanIn), 'normal(0, 3/fan_in)'),
    };
    initializers[name] = entry;
    const p = initializerPoints(40).find((q) => q.names.includes(name));
    expect(p).toBeDefined();
    near(p!.weightVar, 3, 'σ_w²');
    expect(p!.scalesWithWidth).toBe(false);
  });
});
