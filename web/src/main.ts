// The web lab: a lesson that retells the notebook, and a lab to try any setup. Training
// runs in a Web Worker on initlab's float64 core; the charts are the report's plot specs.
import './style.css';
import * as Comlink from 'comlink';
import { formatCsv, parseCsv, readCsvTable, separatorNote } from '../../src/data/csv.js';
import { minOf } from '../../src/extent.js';
import { datasets } from '../../src/data/registry.js';
import { NOTEBOOK_DEFAULTS, NOTEBOOK_TEST_SPEC, NOTEBOOK_TRAIN_SPEC } from '../../src/experiments/notebook-config.js';
import { activations } from '../../src/nn/activations.js';
import { initializerNames } from '../../src/nn/initializers.js';
import { parseSpec } from '../../src/spec.js';
import { boundaries, boundaryFigure, costChart, type History, layers } from './charts.js';
import { type DataSummary, GRID, type JobConfig, type RunUpdate } from './job.js';
import { download, pngOf, svgText } from './exports.js';
import { FIELD_LABELS, type FieldErrors, type LabState, readState, urlNotices, WEB_MAX_POINTS, writeState } from './url-state.js';
import type { WorkerApi } from './worker.js';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const worker = Comlink.wrap<WorkerApi>(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** A test accuracy, or words when there is no test set (never a number). */
const testText = (x: number | null) => (x === null ? 'no test set' : `test accuracy ${pct(x)}`);
/** What a finished run that diverged says, wherever its numbers are shown. */
const divergedText = (u: RunUpdate) => `diverged at iteration ${u.divergedAt}: its cost or weights stopped being finite numbers; lower the learning rate or choose a smaller initialization`;

// ---------------------------------------------------------------- views and URL
const initial = readState(location.search);
let state: LabState = initial.state;

function showView(view: LabState['view']): void {
  state.view = view;
  for (const v of ['lesson', 'lab'] as const) {
    $(v).hidden = v !== view;
    $(`tab-${v}`).setAttribute('aria-selected', String(v === view));
  }
  syncUrl();
}
$('tab-lesson').addEventListener('click', () => showView('lesson'));
$('tab-lab').addEventListener('click', () => showView('lab'));
document.querySelector('nav')!.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const next = state.view === 'lesson' ? 'lab' : 'lesson';
    showView(next);
    $(`tab-${next}`).focus();
  }
});

function syncUrl(): void {
  const q = writeState(state);
  history.replaceState(null, '', q ? `?${q}` : location.pathname);
  ($('share-link') as HTMLAnchorElement).href = location.href;
}

// ---------------------------------------------------------------- one training at a time
let busy: Promise<void> | null = null;
let data: DataSummary | null = null;

async function train(config: JobConfig, speed: number, onUpdate: (u: RunUpdate[]) => void, into: Element | null, startPaused = false, extras = true): Promise<void> {
  await lessonPrep; // one job at a time in the worker
  data = await worker.load(config);
  if (extras) $('test-used').textContent = data.testSpec === null ? 'no test set (a dropped CSV has none unless a test spec is given)' : `test set: ${data.testSpec}`;
  // each run's boundary figure with its points, one per frame, before the live frames need them
  const loaded = data;
  if (into) for (const init of config.inits) later(`points-${init}`, 0, () => boundaryFigure(loaded, init, into));
  await worker.setSpeed(speed);
  const run = worker.play(Comlink.proxy(onUpdate), 150, extras);
  if (startPaused) await worker.pause();
  busy = run;
  await run;
}

/** When the worker's last update arrived (training over; the final drawing follows): read by bench/web.mjs. */
const markTrained = () => { (window as unknown as { initlab: { trainedAt?: number } }).initlab.trainedAt = performance.now(); };

// ---------------------------------------------------------------- lesson
const lessonResults = new Map<string, RunUpdate>();
const lessonConfig = (init: string): JobConfig => ({ train: NOTEBOOK_TRAIN_SPEC, test: NOTEBOOK_TEST_SPEC, layers: NOTEBOOK_DEFAULTS.layers, activation: 'relu', inits: [init], seed: 3, scale: 10, optimizer: 'gd', learningRate: 0.01, iterations: 15000, batchSize: 0, printEvery: 1000 });
/** The lesson's data, fetched while the page is idle so its figures are drawn before any click. */
let lessonData: DataSummary | null = null;
let lessonPrep: Promise<void> = Promise.resolve();

for (const button of document.querySelectorAll<HTMLButtonElement>('.train-lesson')) {
  button.addEventListener('click', async () => {
    const init = button.dataset.init!;
    const out = $(`lesson-${init}`);
    const [cost, boundary, numbers] = out.children as unknown as [HTMLElement, HTMLElement, HTMLElement];
    delete numbers.dataset.done;
    numbers.classList.remove('error');
    const lessonCurve: History = { [init]: [] };
    button.disabled = true;
    try {
      await train(lessonConfig(init), 1500, (updates) => {
        const u = updates[0];
        for (const p of u.curve) lessonCurve[init].push(p); // a loop: a long curve would overflow push(...)
        const draws: [string, () => void][] = [
          ['lesson-cost', () => costChart(lessonCurve, cost, `Cost with ${init}`)],
          // the lesson's data never changes: its figures (drawn while the page was idle) are kept
          ['lesson-boundary', () => boundaries([u], lessonData ?? data!, boundary, !u.done)],
          ['lesson-numbers', () => {
            numbers.textContent = `iteration ${u.iteration}: train accuracy ${pct(u.trainAccuracy)}, ${testText(u.testAccuracy)}${u.stopReason === 'diverged' ? ` — ${divergedText(u)}` : ''}`;
            numbers.dataset.train = String(u.trainAccuracy);
            numbers.dataset.test = String(u.testAccuracy);
            numbers.dataset.done = String(u.done);
          }],
        ];
        if (u.done) markTrained();
        if (u.done) drawAllNow(draws);
        else draws.forEach(([key, draw]) => later(key, 120, draw));
        if (u.done) lessonResults.set(init, u);
      }, lessonData ? null : boundary, false, false);
    } catch (e) {
      // said where the lesson's numbers appear, not only in the console
      numbers.textContent = `this run could not be trained: ${(e as Error).message.replace(/^Error: /, '')}`;
      numbers.classList.add('error');
    } finally {
      button.disabled = false;
    }
    if (lessonResults.size === 3) {
      $('lesson-summary').hidden = false;
      const body = $('lesson-table').querySelector('tbody')!;
      body.replaceChildren(...['zeros', 'random', 'he'].map((i) => {
        const r = lessonResults.get(i)!;
        const tr = document.createElement('tr');
        // the verdict is read off the run (as the CLI's table), not looked up by the initializer's name
        for (const c of [i, pct(r.trainAccuracy), r.testAccuracy === null ? 'no test set' : pct(r.testAccuracy), r.verdict ?? '']) tr.append(Object.assign(document.createElement('td'), { textContent: c }));
        return tr;
      }));
    }
  });
}

// Rendering keeps the page responsive: each view redraws at most every `minMs` with its
// latest data, and one view per animation frame, so no frame waits on several charts.
const views = new Map<string, { draw: () => void; minMs: number }>();
const drawnAt = new Map<string, number>();
let scheduled = false;
function later(key: string, minMs: number, draw: () => void): void {
  views.set(key, { draw, minMs });
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(drawOne);
  }
}
/** The last update: every view, in this order, one per frame (the last one sets "done"). */
function drawAllNow(draws: [string, () => void][]): void {
  for (const [key] of draws) views.delete(key);
  const next = (i: number) => requestAnimationFrame(() => {
    draws[i][1]();
    if (i + 1 < draws.length) next(i + 1);
  });
  next(0);
}
function drawOne(now: number): void {
  scheduled = false;
  // the view waiting longest whose interval has passed
  let pick: string | null = null;
  for (const [key, v] of views) {
    const at = drawnAt.get(key) ?? -Infinity;
    if (now - at >= v.minMs && (pick === null || at < (drawnAt.get(pick) ?? -Infinity))) pick = key;
  }
  if (pick) {
    const v = views.get(pick)!;
    views.delete(pick);
    drawnAt.set(pick, now);
    v.draw();
  }
  if (views.size && !scheduled) {
    scheduled = true;
    requestAnimationFrame(drawOne);
  }
}

// ---------------------------------------------------------------- lab controls
const field = <T extends HTMLInputElement | HTMLSelectElement>(id: string) => $(id) as T;
const select = field<HTMLSelectElement>('f-dataset');
for (const name of Object.keys(datasets)) select.append(new Option(name, name));
for (const name of Object.keys(activations)) field<HTMLSelectElement>('f-act').append(new Option(name, name));
const checks = $('f-inits');
for (const name of initializerNames().filter((n) => n !== 'lsuv' || true)) {
  const label = document.createElement('label');
  const box = Object.assign(document.createElement('input'), { type: 'checkbox', value: name, name: 'init' });
  label.append(box, name);
  checks.append(label);
}
let csv: { name: string; text: string } | null = null;

function showForm(s: LabState): void {
  field('f-data').value = s.data;
  field('f-test').value = s.test;
  const { name, params } = parseSpec(s.data, 'dataset');
  select.value = name;
  field('f-n').value = params.n ?? '';
  field('f-noise').value = params.noise ?? '';
  field('f-dseed').value = params.seed ?? '';
  field('f-hidden').value = s.hidden.join(',');
  field('f-act').value = s.act.split(',')[0];
  const names = new Set(initializerNames());
  for (const box of checks.querySelectorAll<HTMLInputElement>('input')) box.checked = s.inits.includes(box.value);
  field('f-initspec').value = s.inits.filter((i) => !names.has(i)).join(',');
  field('f-seed').value = String(s.seed);
  field('f-scale').value = String(s.scale);
  field('f-opt').value = s.opt.split(':')[0];
  field('f-lr').value = String(s.lr);
  field('f-it').value = String(s.it);
  field('f-bs').value = String(s.bs);
  field('f-speed').value = String(s.speed);
  $('speed-value').textContent = `${s.speed} iterations per step`;
}

/** Each parameter's own message slot, beside its control (the view has none: it is a tab). */
const ERROR_SLOTS: Record<keyof LabState, string | null> = {
  view: null, data: 'err-data', test: 'err-test', hidden: 'err-hidden', act: 'err-act', inits: 'err-inits', seed: 'err-seed',
  scale: 'err-scale', opt: 'err-opt', lr: 'err-lr', it: 'err-it', bs: 'err-bs', speed: 'err-speed',
};

/** A message that starts with its field's label as it is; one from a registry (naming its entry) gets the label in front. */
const named = (k: keyof LabState, m: string) => (m.startsWith(FIELD_LABELS[k]) ? m : `${FIELD_LABELS[k]}: ${m}`);

/** Every message beside its own control; slots never overwrite each other, and all of them show. */
function showErrors(errors: FieldErrors): void {
  const bySlot = new Map<string, string[]>();
  for (const id of Object.values(ERROR_SLOTS)) if (id) bySlot.set(id, []);
  for (const [k, m] of Object.entries(errors) as [keyof LabState, string][]) {
    const id = ERROR_SLOTS[k];
    if (id) bySlot.get(id)!.push(named(k, m));
  }
  for (const [id, lines] of bySlot) $(id).textContent = lines.join('\n');
}

/**
 * A link's refused parameters, said above both views (the Lesson may be the one shown), each
 * with what was given; the defaults stand in for them.
 */
function showUrlNotices(read: { errors: FieldErrors; notices: string[] }, search: string): void {
  const lines = urlNotices(search, read);
  const box = $('notices');
  box.hidden = lines.length === 0;
  box.textContent = lines.length ? `This link's settings were not all accepted:\n${lines.join('\n')}` : '';
}

/** The form as a state, checked by the same reader as URLs; errors shown beside their controls. */
function readForm(): { state: LabState; errors: FieldErrors } {
  const spec = (() => {
    const { name } = parseSpec(field('f-data').value || select.value, 'dataset');
    const parts = [['n', field('f-n').value], ['noise', field('f-noise').value], ['seed', field('f-dseed').value]].filter(([, v]) => v !== '');
    return name === select.value && parts.length ? `${name}:${parts.map(([k, v]) => `${k}=${v}`).join(',')}` : select.value;
  })();
  const boxes = [...checks.querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
  const extra = field('f-initspec').value.trim();
  const test = field('f-test').value.trim();
  const p = new URLSearchParams({
    view: 'lab', data: spec, ...(test ? { test } : {}), hidden: field('f-hidden').value, act: field('f-act').value,
    inits: [...boxes, ...(extra ? [extra] : [])].join(','), seed: field('f-seed').value, scale: field('f-scale').value,
    opt: field('f-opt').value, lr: field('f-lr').value, it: field('f-it').value, bs: field('f-bs').value, speed: field('f-speed').value,
  });
  return readState(p.toString());
}

function onFormChange(): void {
  const { state: s, errors } = readForm();
  showErrors(errors);
  if (!Object.keys(errors).length) {
    showUrlNotices({ errors: {}, notices: [] }, ''); // the link's refusals are behind the user now: the form is valid
    state = s;
    field('f-data').value = s.data;
    $('speed-value').textContent = `${s.speed} iterations per step`;
    syncUrl();
    void worker.setSpeed(s.speed);
  }
}
select.addEventListener('change', () => { field('f-data').value = select.value; field('f-n').value = ''; field('f-noise').value = ''; field('f-dseed').value = ''; csv = null; onFormChange(); });
$('controls').addEventListener('change', (e) => { if ((e.target as HTMLElement).id !== 'f-dataset' && (e.target as HTMLElement).id !== 'f-csv') onFormChange(); });
$('controls').addEventListener('input', (e) => { if ((e.target as HTMLElement).id === 'f-speed') onFormChange(); });

// ---------------------------------------------------------------- CSV files
async function takeCsv(file: File): Promise<void> {
  $('err-csv').textContent = '';
  if (file.size > 20 * 1024 * 1024) {
    $('err-csv').textContent = `${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MB; the lab reads CSV files up to 20 MB`;
    return;
  }
  const text = await file.text();
  // the same cap as a generated dataset, checked on the line count before any parsing
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0 && lines <= WEB_MAX_POINTS + 1; i = text.indexOf('\n', i + 1)) lines++;
  if (lines > WEB_MAX_POINTS + 1) {
    csv = null;
    $('err-csv').textContent = `${file.name} has more than ${WEB_MAX_POINTS} examples; the web lab trains on at most ${WEB_MAX_POINTS} (the command line takes more)`;
    return;
  }
  try {
    const d = readCsvTable(text, file.name);
    if (d.X.cols > WEB_MAX_POINTS) throw new Error(`${file.name} has ${d.X.cols} examples; the web lab trains on at most ${WEB_MAX_POINTS} (the command line takes more)`);
    csv = { name: file.name, text };
    $('status').textContent = `${file.name}: ${d.X.cols} examples, ${d.X.rows} features${d.separator === ',' ? '' : `; ${separatorNote(d, file.name)}`}`;
    field('f-hidden').value = state.hidden.join(',');
  } catch (e) {
    csv = null;
    $('err-csv').textContent = (e as Error).message;
  }
}
field<HTMLInputElement>('f-csv').addEventListener('change', (e) => { const f = (e.target as HTMLInputElement).files?.[0]; if (f) void takeCsv(f); });
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); const f = e.dataTransfer?.files[0]; if (f) void takeCsv(f); });

// ---------------------------------------------------------------- lab runs
let curves: History = {};
let lastUpdates: RunUpdate[] = [];
const firstDiagnostics = new Map<string, RunUpdate['diagnostics']>();
let loadedKey = '';

function configOf(s: LabState, features: number): JobConfig {
  return {
    train: csv ? csv.text : s.data, csv: !!csv, test: s.test, layers: [features, ...s.hidden, 1], activation: s.act, inits: s.inits, seed: s.seed, scale: s.scale,
    optimizer: s.opt, learningRate: s.lr, iterations: s.it, batchSize: s.bs, printEvery: Math.max(1, Math.min(1000, Math.floor(s.it / 15))),
  };
}

function onLabUpdate(updates: RunUpdate[]): void {
  for (const u of updates) {
    const curve = (curves[u.init] ??= []);
    for (const p of u.curve) curve.push(p);
    if (!firstDiagnostics.has(u.init) && u.diagnostics) firstDiagnostics.set(u.init, u.diagnostics);
  }
  lastUpdates = updates;
  const done = updates.every((u) => u.done);
  const draws: [string, number, () => void][] = [
    ['cost', 120, () => costChart(curves, $('cost-chart'))],
    ['boundaries', 150, () => boundaries(updates, data!, $('boundaries'), !done)],
    ['layers', 1000, () => layers(updates, firstDiagnostics, $('layers-chart'), $('gradients-chart'), $('histograms'))],
    // the numbers last, so "done" is set once every view shows the final state
    ['numbers', 0, () => {
      $('accuracy').replaceChildren(...updates.map((u) => Object.assign(document.createElement('p'), {
        className: u.stopReason === 'diverged' ? 'run-accuracy diverged' : 'run-accuracy',
        textContent: `${u.init}: iteration ${u.iteration}, train accuracy ${pct(u.trainAccuracy)}, ${testText(u.testAccuracy)}${u.done ? ` (done${u.verdict && u.stopReason !== 'diverged' ? `: ${u.verdict}` : ''})` : ''}${u.stopReason === 'diverged' ? ` — ${divergedText(u)}` : ''}`,
      })));
      $('status').dataset.iteration = String(minOf(updates.map((u) => u.iteration)));
      // a run that diverged is also said where the user is looking: the lab's alert line
      const failed = updates.filter((u) => u.stopReason === 'diverged');
      $('run-error').textContent = failed.map((u) => `${u.init} ${divergedText(u)}`).join('\n');
      $('status').dataset.done = String(done);
    }],
  ];
  if (done) markTrained();
  if (done) drawAllNow(draws.map(([key, , draw]) => [key, draw]));
  else for (const [key, minMs, draw] of draws) later(key, minMs, draw);
}

async function start(paused: boolean): Promise<void> {
  const { errors } = readForm();
  showErrors(errors);
  if (Object.keys(errors).length) return;
  const features = csv ? parseCsv(csv.text, csv.name).X.rows : 2;
  const config = configOf(state, features);
  const key = JSON.stringify(config);
  if (key === loadedKey && busy) {
    if (paused) await worker.step(state.speed);
    else await worker.resume();
    return;
  }
  loadedKey = key;
  curves = {};
  firstDiagnostics.clear();
  $('status').textContent = '';
  delete $('status').dataset.done; // "done" speaks of the run being started from now on
  $('run-error').textContent = '';
  try {
    await train(config, state.speed, onLabUpdate, $('boundaries'), paused);
  } catch (e) {
    // beside the buttons just pressed, and beside the control at fault when the message names it
    const message = (e as Error).message.replace(/^Error: /, '');
    $('run-error').textContent = message;
    const slot = /^layers:/.test(message) ? 'err-hidden' : /^test:/.test(message) ? 'err-test' : 'err-data';
    $(slot).textContent = message;
    loadedKey = '';
  }
}
$('b-play').addEventListener('click', () => void start(false));
$('b-pause').addEventListener('click', () => void worker.pause());
$('b-step').addEventListener('click', async () => { if (!busy || !loadedKey) { void start(true); await worker.step(state.speed); } else await worker.step(state.speed); });
$('b-reset').addEventListener('click', () => {
  loadedKey = '';
  busy = null;
  curves = {};
  firstDiagnostics.clear();
  for (const id of ['cost-chart', 'boundaries', 'layers-chart', 'gradients-chart', 'histograms', 'accuracy']) $(id).replaceChildren();
  void worker.load(configOf(state, csv ? parseCsv(csv.text).X.rows : 2)).catch(() => {});
});

// ---------------------------------------------------------------- exports
$('x-model').addEventListener('click', async () => {
  if (!lastUpdates[0]) {
    $('run-error').textContent = 'no model yet: press Play or Step first';
    return;
  }
  try {
    download(`${lastUpdates[0].init}-model.json`, await worker.exportModel(lastUpdates[0].init), 'application/json');
  } catch (e) {
    $('run-error').textContent = `the model could not be saved: ${(e as Error).message.replace(/^Error: /, '')}`;
  }
});
$('x-history').addEventListener('click', () => {
  const rows: (string | number)[][] = [['init', 'iteration', 'train_cost', 'test_cost']];
  for (const [init, pts] of Object.entries(curves)) for (const p of pts) rows.push([init, p.iteration, p.train, Number.isFinite(p.test) ? p.test : '']);
  download('history.csv', formatCsv(rows), 'text/csv'); // quoted by d3-dsv: a SPEC's commas stay in its cell
});
$('x-svg').addEventListener('click', () => { for (const [i, svg] of [...document.querySelectorAll<SVGSVGElement>('#views svg')].entries()) download(`chart-${i + 1}.svg`, svgText(svg), 'image/svg+xml'); });
$('x-png').addEventListener('click', async () => { const svg = document.querySelector<SVGSVGElement>('#cost-chart svg'); if (svg) download('cost.png', await pngOf(svg), 'image/png'); });

// ---------------------------------------------------------------- start
showForm(state);
showErrors(initial.errors);
showUrlNotices(initial, location.search);
showView(state.view);
// draw a throwaway chart while the page is idle, so the first live frame does not pay for
// compiling the plotting code
requestIdleCallback(() => {
  // a full-size boundary and cost chart in an invisible, laid-out box: the live frames then
  // start with warm code (a cold first draw takes several frames' time)
  const scratch = Object.assign(document.createElement('div'), { style: 'position:absolute;left:-10000px;top:0;visibility:hidden' });
  document.body.append(scratch);
  const grid = Float64Array.from({ length: GRID * GRID }, (_, i) => (i % GRID) / GRID);
  const pts = Array.from({ length: 300 }, (_, i) => [Math.cos(i), Math.sin(i)]);
  const fake: DataSummary = { extent: [-1.5, 1.5], X: [pts.map((p) => p[0]), pts.map((p) => p[1])], Y: pts.map((_, i) => i % 2), testX: [[0], [0]], testY: [0], testSpec: null };
  for (let i = 0; i < 3; i++) {
    costChart({ warm: [{ iteration: 0, train: 1, test: 1 }, { iteration: 1, train: 0.5, test: 0.6 }] }, scratch);
    boundaries([{ init: `warm${i}`, iteration: 0, done: false, curve: [], trainAccuracy: 0, testAccuracy: 0, grid, extent: [-1.5, 1.5], diagnostics: null, histograms: [] }], fake, scratch, i < 2);
  }
  scratch.remove();
  if (state.view === 'lesson' && !busy) {
    lessonPrep = worker.load(lessonConfig('he')).then((d) => {
      lessonData = d;
      for (const init of ['zeros', 'random', 'he']) later(`lesson-points-${init}`, 0, () => boundaryFigure(d, init, $(`lesson-${init}`).children[1]));
    });
  }
});
// for bench/web.mjs: the worker's training throughput, live and on its own (markTrained adds trainedAt)
(window as unknown as { initlab: unknown }).initlab = { throughput: () => worker.throughput(), engineSeconds: () => worker.engineSeconds() };
