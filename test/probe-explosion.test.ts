// The depth probe never shows an explosion as numbers: it stops at the first layer whose
// values leave float64's range and says so, as training does at a non-finite cost; signals
// that saturate (tanh) or vanish (down to exact zeros) go on. Expected layers and stopping
// points: numpy, test/fixtures/probe_explosions.json (scripts/make_probe_fixture.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { probe } from '../src/experiments/probe.js';
import { getKernels } from '../src/nn/backends.js';
import { cli } from './helpers.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/probe_explosions.json', import.meta.url), 'utf8'),
);
const [issueCase, ...cases] = fixture.cases;

const relErr = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('probe stops where the signal leaves float64, as numpy finds it', () => {
  for (const c of cases) {
    const spec = `random:scale=${c.scale} ${c.activation}, ${c.depth} layers of ${c.width}, seed ${c.seed}`;
    for (const backend of ['ts', 'wasm'] as const) {
      it(`${spec} (${backend}): ${c.stopped_at === null ? 'runs every layer' : `stops at layer ${c.stopped_at}`}`, () => {
        const r = probe(
          {
            init: `random:scale=${c.scale}`,
            activation: c.activation,
            depth: c.depth,
            width: c.width,
            samples: c.samples,
            seed: c.seed,
          },
          getKernels(backend),
        );
        expect(r.stopReason).toBe(c.stopped_at === null ? 'completed' : 'diverged');
        expect(r.divergedAt).toBe(c.stopped_at ?? undefined);
        expect(r.layers.map((l) => l.layer)).toEqual(
          c.layers.map((l: { layer: number }) => l.layer),
        );
        r.layers.forEach((l, i) => {
          const want = c.layers[i];
          expect(Number.isFinite(l.mean) && Number.isFinite(l.std)).toBe(true);
          // exact zeros where numpy has them (a vanished signal), never elsewhere
          expect(l.std === 0, `layer ${l.layer}`).toBe(want.std === 0);
          expect(relErr(l.std, want.std), `layer ${l.layer} std`).toBeLessThan(1e-9);
        });
        if (r.divergedAt !== undefined) expect(r.divergence).toMatch(/Infinity|NaN/);
      });
    }
  }
});

describe('initlab probe, as issue 11 ran it', () => {
  const args = ['probe', '--init', 'random:scale=100', '--activation', 'relu', '--depth', '200'];
  it('--json: the layers up to the explosion, then where and why it stopped; exit 1 with one line on stderr', () => {
    const r = cli([...args, '--json']);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.stopReason).toBe('diverged');
    expect(doc.divergedAt).toBe(issueCase.stopped_at);
    expect(doc.layers).toHaveLength(issueCase.layers.length);
    expect(doc.divergence).toMatch(/pre-activations/);
    doc.layers.forEach((l: { std: number }, i: number) =>
      expect(relErr(l.std, issueCase.layers[i].std)).toBeLessThan(1e-9),
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`stopped at layer ${issueCase.stopped_at} of 200`));
  });
  it('text (at 60 units × 40 samples): no Infinity, NaN or zero rows, and the stop said in the table', () => {
    const small = cases[0];
    expect([small.width, small.samples, small.activation, small.scale]).toEqual([
      60,
      40,
      'relu',
      100,
    ]);
    const r = cli([...args, '--width', '60', '--samples', '40']);
    expect(r.status).toBe(1);
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d+ /.test(l));
    expect(rows).toHaveLength(small.stopped_at);
    expect(rows.at(-1)).toMatch(new RegExp(`^\\s+${small.stopped_at}\\s+stopped: `));
    for (const row of rows.slice(0, -1)) expect(row).not.toMatch(/Infinity|NaN|0\.000e\+0/);
  });
  it('a signal that vanishes to exact zeros is shown, not refused', () => {
    const r = cli([
      'probe',
      '--init',
      'random:scale=1e-200',
      '--activation',
      'linear',
      '--depth',
      '4',
      '--width',
      '30',
      '--samples',
      '20',
      '--json',
    ]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.stopReason).toBe('completed');
    expect(doc.layers.map((l: { std: number }) => l.std === 0)).toEqual([false, true, true, true]);
  });
});
