// The lab: any setup, trained live in its own worker. Controls sit in a side panel; the
// network, the cost and the decision boundaries share the first screen.
import { zipSync, strToU8 } from 'fflate';
import { formatCsv, parseCsv, readCsvTable, separatorNote } from '../../../src/data/csv.js';
import { datasets } from '../../../src/data/registry.js';
import { minOf } from '../../../src/extent.js';
import { activations } from '../../../src/nn/activations.js';
import { initializerNames } from '../../../src/nn/initializers.js';
import { parseSpec } from '../../../src/spec.js';
import { boundaries, costChart, drawnPoints, heightFor, type History, layers } from '../charts.js';
import { clip, clipMessage } from '../echo.js';
import { oneTabStop } from '../roving-focus.js';
import { download, pngOf, svgText } from '../exports.js';
import { drawAllNow, forget, later } from '../frames.js';
import type { DataSummary, JobConfig, RunUpdate } from '../job.js';
import { NetworkView } from '../network-view.js';
import { Session, type SessionState } from '../session.js';
import { logSlider, speedAt, speedText } from '../speed.js';
import {
  FIELD_LABELS,
  type FieldErrors,
  type LabState,
  readState,
  WEB_MAX_POINTS,
} from '../url-state.js';
import { $, benchHooks, divergedText, markTrained, pct, testText } from './page.js';

/** The status while a pause waits for the iteration in progress. */
const PAUSING = 'Pausing: the iteration in progress finishes first…';
/** What the lab shares with the page: the state behind the URL, and how to write it back. */
export interface AppState {
  state: LabState;
  syncUrl(): void;
}

const field = <T extends HTMLInputElement | HTMLSelectElement>(id: string) => $(id) as T;

/** Each parameter's own message slot, beside its control (the view has none: it is a tab). */
const ERROR_SLOTS: Record<keyof LabState, string | null> = {
  view: null,
  data: 'err-data',
  test: 'err-test',
  hidden: 'err-hidden',
  act: 'err-act',
  inits: 'err-inits',
  seed: 'err-seed',
  scale: 'err-scale',
  opt: 'err-opt',
  lr: 'err-lr',
  it: 'err-it',
  bs: 'err-bs',
  speed: 'err-speed',
};

/** A message that starts with its field's label as it is; one from a registry (naming its entry) gets the label in front. */
export const named = (k: keyof LabState, m: string) =>
  m.startsWith(FIELD_LABELS[k]) ? m : `${FIELD_LABELS[k]}: ${m}`;

/** The views a run draws into, cleared when a run is reset. */
const RUN_VIEWS = [
  'cost-chart',
  'boundaries',
  'layers-chart',
  'gradients-chart',
  'histograms',
  'accuracy',
];

export class Lab {
  readonly session = new Session();
  #app: AppState;
  #csv: { name: string; text: string } | null = null;
  #curves: History = {};
  #last: RunUpdate[] = [];
  #firstDiagnostics = new Map<string, RunUpdate['diagnostics']>();
  /** The job the session holds (JSON), or '' when none. */
  #loadedKey = '';
  #network = new NetworkView($('network'), $('unit-detail'));
  #showSpeed: (speed: number) => void;
  /** Pause was pressed while the job was starting: it plays paused. */
  #pauseOnStart = false;
  /** Pause was pressed while playing and the worker has not answered yet (an iteration can take seconds). */
  #pausing = false;
  /** Whether "Inside the network" is on screen: its many charts are redrawn live only then. */
  #insideShown = false;

  constructor(app: AppState) {
    this.#app = app;
    const select = field<HTMLSelectElement>('f-dataset');
    for (const name of Object.keys(datasets)) select.append(new Option(name, name));
    for (const name of Object.keys(activations))
      field<HTMLSelectElement>('f-act').append(new Option(name, name));
    for (const name of initializerNames()) {
      const label = document.createElement('label');
      label.append(
        Object.assign(document.createElement('input'), {
          type: 'checkbox',
          value: name,
          name: 'init',
        }),
        name,
      );
      $('f-inits').append(label);
    }
    this.#initsTabStop();
    this.#showSpeed = logSlider(
      field<HTMLInputElement>('f-speed'),
      $('speed-value'),
      app.state.speed,
      () => this.#onFormChange(),
    );
    select.addEventListener('change', () => {
      field('f-data').value = select.value;
      for (const id of ['f-n', 'f-noise', 'f-dseed']) field(id).value = '';
      this.#csv = null;
      this.#onFormChange();
    });
    $('controls').addEventListener('change', (e) => {
      const id = (e.target as HTMLElement).id;
      if (id !== 'f-dataset' && id !== 'f-csv' && id !== 'f-speed') this.#onFormChange();
    });
    this.#csvInputs();
    this.session.onState = (s) => this.#buttons(s);
    this.#buttons('idle');
    $('b-play').addEventListener('click', () => void this.#play());
    $('b-pause').addEventListener('click', () => {
      // pressed before the first step: the run starts paused
      if (this.session.state === 'starting' || this.session.state === 'loaded')
        this.#pauseOnStart = true;
      else if (this.session.state === 'playing') {
        // a heavy network's single iteration can take seconds, and the worker answers only
        // between iterations: say at once that the pause is on its way
        this.#pausing = true;
        $('status').textContent = PAUSING;
        ($('b-pause') as HTMLButtonElement).disabled = true;
      }
      void this.session.pause();
    });
    $('b-step').addEventListener('click', () => void this.#step());
    $('b-reset').addEventListener('click', () => this.reset('Reset: press Play to train again.'));
    field<HTMLSelectElement>('network-run').addEventListener(
      'change',
      (e) => void this.session.api.watch((e.target as HTMLSelectElement).value),
    );
    this.#exports();
    // "shown" once a quarter of it is on screen, not when only its heading peeks in
    new IntersectionObserver(
      ([entry]) => {
        this.#insideShown = entry.intersectionRatio >= 0.25;
      },
      { threshold: [0, 0.25, 0.5] },
    ).observe($('inside-panel'));
    this.#network.clear(
      'Press Play: every unit is drawn here with its output over the plane, every weight as a line (blue positive, vermillion negative, thicker when larger).',
    );
    Object.assign(benchHooks(), {
      throughput: () => this.session.api.throughput(),
      engineSeconds: () => this.session.api.engineSeconds(),
    });
  }

  /** Shows a state in the form. */
  showForm(s: LabState): void {
    field('f-data').value = s.data;
    field('f-test').value = s.test;
    const { name, params } = parseSpec(s.data, 'dataset');
    field('f-dataset').value = name;
    field('f-n').value = params.n ?? '';
    field('f-noise').value = params.noise ?? '';
    field('f-dseed').value = params.seed ?? '';
    field('f-hidden').value = s.hidden.join(',');
    field('f-act').value = s.act.split(',')[0];
    const names = new Set(initializerNames());
    for (const box of $('f-inits').querySelectorAll<HTMLInputElement>('input'))
      box.checked = s.inits.includes(box.value);
    this.#initsTabStop();
    field('f-initspec').value = s.inits.filter((i) => !names.has(i)).join(',');
    field('f-seed').value = String(s.seed);
    field('f-scale').value = String(s.scale);
    field('f-opt').value = s.opt.split(':')[0];
    field('f-lr').value = String(s.lr);
    field('f-it').value = String(s.it);
    field('f-bs').value = String(s.bs);
    this.#showSpeed(s.speed);
  }

  /** The initializer checkboxes as one Tab stop: the first checked one until the user moves in the group. */
  #initsTabStop(): void {
    oneTabStop($('f-inits'), 'input[type="checkbox"]', undefined, (boxes) =>
      boxes.find((b) => (b as HTMLInputElement).checked),
    );
  }

  /** Every message beside its own control; slots never overwrite each other, and all of them show. */
  showErrors(errors: FieldErrors): void {
    const bySlot = new Map<string, string[]>();
    for (const id of Object.values(ERROR_SLOTS)) if (id) bySlot.set(id, []);
    for (const [k, m] of Object.entries(errors) as [keyof LabState, string][]) {
      const id = ERROR_SLOTS[k];
      if (id) bySlot.get(id)!.push(clipMessage(named(k, m)));
    }
    for (const [id, lines] of bySlot) $(id).textContent = lines.join('\n');
  }

  /** Play, Pause, Step and Reset enabled only when they would do something. */
  #buttons(s: SessionState): void {
    const b = (id: string, on: boolean) => {
      ($(id) as HTMLButtonElement).disabled = !on;
    };
    // while a job is starting (a heavy network takes seconds), Pause and Reset already work
    const busy = s === 'starting' || s === 'loaded' || s === 'playing';
    if (s !== 'playing') this.#pausing = false;
    b('b-play', !busy);
    b('b-pause', busy && !this.#pausing);
    b('b-step', !busy);
    b('b-reset', s !== 'idle');
    $('b-play').textContent = s === 'done' ? 'Replay' : s === 'paused' ? 'Resume' : 'Play';
    $('lab').dataset.run = s;
  }

  /** The form as a state, checked by the same reader as URLs; errors shown beside their controls. */
  #readForm(): { state: LabState; errors: FieldErrors } {
    const select = field<HTMLSelectElement>('f-dataset');
    const { name } = parseSpec(field('f-data').value || select.value, 'dataset');
    const parts = [
      ['n', field('f-n').value],
      ['noise', field('f-noise').value],
      ['seed', field('f-dseed').value],
    ].filter(([, v]) => v !== '');
    const spec =
      name === select.value && parts.length
        ? `${name}:${parts.map(([k, v]) => `${k}=${v}`).join(',')}`
        : select.value;
    const boxes = [...$('f-inits').querySelectorAll<HTMLInputElement>('input:checked')].map(
      (b) => b.value,
    );
    const extra = field('f-initspec').value.trim();
    const test = field('f-test').value.trim();
    const p = new URLSearchParams({
      view: 'lab',
      data: spec,
      ...(test ? { test } : {}),
      hidden: field('f-hidden').value,
      act: field('f-act').value,
      inits: [...boxes, ...(extra ? [extra] : [])].join(','),
      seed: field('f-seed').value,
      scale: field('f-scale').value,
      opt: field('f-opt').value,
      lr: field('f-lr').value,
      it: field('f-it').value,
      bs: field('f-bs').value,
      speed: String(speedAt(Number(field('f-speed').value))),
    });
    return readState(p.toString());
  }

  #onFormChange(): void {
    const { state: s, errors } = this.#readForm();
    this.showErrors(errors);
    if (Object.keys(errors).length) return;
    $('notices').hidden = true; // a link's refusals are behind the user now: the form is valid
    this.#app.state = s;
    field('f-data').value = s.data;
    $('speed-value').textContent = speedText(s.speed);
    this.#app.syncUrl();
    this.#shareNote();
    void this.session.api.setSpeed(s.speed);
    // a run trained with other settings than the form's would be misread: it starts over
    if (this.#loadedKey && this.#loadedKey !== JSON.stringify(this.#config()))
      this.reset('Settings changed: the run was reset. Press Play to train with the new settings.');
  }

  #config(): JobConfig {
    const s = this.#app.state;
    const features = this.#csv ? parseCsv(this.#csv.text, this.#csv.name).X.rows : 2;
    return {
      train: this.#csv ? this.#csv.text : s.data,
      csv: !!this.#csv,
      test: s.test,
      layers: [features, ...s.hidden, 1],
      activation: s.act,
      inits: s.inits,
      seed: s.seed,
      scale: s.scale,
      optimizer: s.opt,
      learningRate: s.lr,
      iterations: s.it,
      batchSize: s.bs,
      printEvery: Math.max(1, Math.min(1000, Math.floor(s.it / 15))),
    };
  }

  /** Forgets the run and clears its views, saying why in the status line. */
  reset(why: string): void {
    this.#loadedKey = '';
    this.session.reset();
    this.#curves = {};
    this.#last = [];
    this.#firstDiagnostics.clear();
    for (const key of ['cost', 'boundaries', 'layers', 'numbers', 'network']) forget(key);
    for (const id of RUN_VIEWS) $(id).replaceChildren();
    this.#network.clear(why);
    delete $('status').dataset.done;
    $('status').textContent = why;
  }

  async #play(): Promise<void> {
    if (this.session.state === 'paused') return this.session.resume();
    await this.#start(false);
  }

  async #step(): Promise<void> {
    if (this.session.state === 'paused') return this.session.step(this.#app.state.speed);
    const started = this.#start(true);
    await this.session.step(this.#app.state.speed);
    await started;
  }

  async #start(paused: boolean): Promise<void> {
    const { errors } = this.#readForm();
    this.showErrors(errors);
    if (Object.keys(errors).length) return;
    const config = this.#config();
    this.reset('');
    this.#loadedKey = JSON.stringify(config);
    $('run-error').textContent = '';
    this.#pauseOnStart = paused;
    // said at once: a heavy network or many points take seconds before the first result
    const shape =
      config.layers.length <= 6
        ? config.layers.join(' → ')
        : `${config.layers.length} layers, ${config.layers.slice(1, -1).reduce((a, b) => a + b, 0)} hidden units`;
    $('status').textContent =
      `Starting: drawing the data and building ${config.inits.length === 1 ? 'the network' : `${config.inits.length} networks`} (${shape})… Pause or Reset stop it.`;
    try {
      const data = await this.session.load(config);
      if (!data) return; // reset while starting
      const m = data.Y.length;
      $('test-used').textContent =
        (data.testSpec === null
          ? 'no test set (a dropped CSV has none unless a test spec is given)'
          : `test set: ${clip(data.testSpec)}`) +
        (drawnPoints(m) < m
          ? `; the boundary plots show ${drawnPoints(m).toLocaleString('en')} of the ${m.toLocaleString('en')} training points (one in ${Math.ceil(m / drawnPoints(m))})`
          : '');
      const watch = field<HTMLSelectElement>('network-run');
      // each run by its whole name: a valid SPEC is a name, not an echo of stray text
      watch.replaceChildren(...config.inits.map((i) => new Option(i, i)));
      await this.session.api.watch(config.inits[0]);
      if (this.session.state !== 'loaded') return;
      $('status').textContent = 'Starting: the first results are being computed…';
      await this.session.play((u) => this.#onUpdate(u, data), this.#app.state.speed, {
        extras: true,
        paused: this.#pauseOnStart,
      });
    } catch (e) {
      // beside the buttons just pressed, and beside the control at fault when the message names it
      const message = clipMessage((e as Error).message.replace(/^Error: /, ''));
      $('run-error').textContent = message;
      const slot = /^layers:/.test(message)
        ? 'err-hidden'
        : /^test:/.test(message)
          ? 'err-test'
          : 'err-data';
      $(slot).textContent = message;
      this.#loadedKey = '';
      this.session.reset();
    }
  }

  #onUpdate(updates: RunUpdate[], data: DataSummary): void {
    if (!this.#loadedKey) return; // reset meanwhile
    for (const u of updates) {
      const curve = (this.#curves[u.init] ??= []);
      for (const p of u.curve) curve.push(p);
      if (!this.#firstDiagnostics.has(u.init) && u.diagnostics)
        this.#firstDiagnostics.set(u.init, u.diagnostics);
    }
    this.#last = updates;
    const done = updates.every((u) => u.done);
    const picture = updates.find((u) => u.network)?.network ?? null;
    const draws: [string, number, () => void][] = [
      [
        'network',
        100,
        () => {
          if (picture) this.#network.update(picture);
          else
            this.#network.clear(
              'This network is not drawn: it needs 2 input features and at most 256 hidden units.',
            );
        },
      ],
      [
        'cost',
        250,
        // short enough that the network, the cost and the boundary share the first screen
        () =>
          costChart(this.#curves, $('cost-chart'), undefined, (w) =>
            heightFor(w, 0.5625, 200, 290),
          ),
      ],
      ['boundaries', 150, () => boundaries(updates, data, $('boundaries'), !done)],
      ...(done || this.#insideShown
        ? ([
            [
              'layers',
              1000,
              () =>
                layers(
                  updates,
                  this.#firstDiagnostics,
                  $('layers-chart'),
                  $('gradients-chart'),
                  $('histograms'),
                ),
            ],
          ] as [string, number, () => void][])
        : []),
      // the numbers last, so "done" is set once every view shows the final state
      [
        'numbers',
        0,
        () => {
          $('accuracy').replaceChildren(
            ...updates.flatMap((u) => [
              Object.assign(document.createElement('p'), {
                className: u.stopReason === 'diverged' ? 'run-accuracy diverged' : 'run-accuracy',
                textContent: `${u.init}: iteration ${u.iteration}, train accuracy ${pct(u.trainAccuracy)}, ${testText(u.testAccuracy)}${u.done ? ` (done${u.verdict && u.stopReason !== 'diverged' ? `: ${u.verdict}` : ''})` : ''}${u.stopReason === 'diverged' ? ` — ${divergedText(u)}` : ''}`,
              }),
              // the run doctor's cause and fix once a run is over (the same lines as `initlab train`)
              ...(u.done && u.doctor
                ? [
                    Object.assign(document.createElement('p'), {
                      className: 'run-doctor',
                      textContent: `${u.init} — ${clipMessage(u.doctor.join(' '))}`,
                    }),
                  ]
                : []),
            ]),
          );
          const at = minOf(updates.map((u) => u.iteration));
          $('status').textContent = done
            ? 'Done.'
            : this.session.state === 'paused'
              ? `Paused at iteration ${at}: Resume or Step to go on.`
              : this.#pausing
                ? PAUSING
                : `Training: iteration ${at}`;
          $('status').dataset.iteration = String(minOf(updates.map((u) => u.iteration)));
          // a run that diverged is also said where the user is looking: the lab's alert line
          const failed = updates.filter((u) => u.stopReason === 'diverged');
          $('run-error').textContent = failed.map((u) => `${u.init} ${divergedText(u)}`).join('\n');
          $('status').dataset.done = String(done);
        },
      ],
    ];
    if (done) {
      markTrained();
      drawAllNow(draws.map(([key, , draw]) => [key, draw]));
    } else for (const [key, minMs, draw] of draws) later(key, minMs, draw);
  }

  // ------------------------------------------------------------ CSV files
  #csvInputs(): void {
    field<HTMLInputElement>('f-csv').addEventListener('change', (e) => {
      const f = (e.target as HTMLInputElement).files?.[0];
      if (f) void this.#takeCsv(f);
    });
    const drop = $('drop');
    drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      const f = e.dataTransfer?.files[0];
      if (f) void this.#takeCsv(f);
    });
  }

  async #takeCsv(file: File): Promise<void> {
    $('err-csv').textContent = '';
    if (file.size > 20 * 1024 * 1024) {
      $('err-csv').textContent =
        `${clip(file.name)} is ${(file.size / 2 ** 20).toFixed(1)} MB; the lab reads CSV files up to 20 MB`;
      return;
    }
    const text = await file.text();
    // the same cap as a generated dataset, checked on the line count before any parsing
    let lines = 0;
    for (
      let i = text.indexOf('\n');
      i >= 0 && lines <= WEB_MAX_POINTS + 1;
      i = text.indexOf('\n', i + 1)
    )
      lines++;
    if (lines > WEB_MAX_POINTS + 1) {
      this.#csv = null;
      $('err-csv').textContent =
        `${clip(file.name)} has more than ${WEB_MAX_POINTS} examples; the web lab trains on at most ${WEB_MAX_POINTS} (the command line takes more)`;
      this.#shareNote();
      return;
    }
    try {
      const d = readCsvTable(text, file.name);
      if (d.X.cols > WEB_MAX_POINTS)
        throw new Error(
          `${clip(file.name)} has ${d.X.cols} examples; the web lab trains on at most ${WEB_MAX_POINTS} (the command line takes more)`,
        );
      this.#csv = { name: file.name, text };
      if (this.#loadedKey) this.reset('A new dataset: the run was reset.');
      $('status').textContent = clipMessage(
        `${clip(file.name)}: ${d.X.cols} examples, ${d.X.rows} features${d.separator === ',' ? '' : `; ${separatorNote(d, file.name)}`}`,
      );
      field('f-hidden').value = this.#app.state.hidden.join(',');
    } catch (e) {
      this.#csv = null;
      $('err-csv').textContent = clipMessage((e as Error).message);
    }
    this.#shareNote();
  }

  /** A link carries settings, never a file: with a dropped CSV, the link says what it will train on instead. */
  #shareNote(): void {
    const note = $('share-note');
    note.textContent = this.#csv
      ? `This link cannot carry the dropped file ${clip(this.#csv.name)}: whoever opens it trains on ${clip(this.#app.state.data)} instead. Send the CSV along.`
      : '';
    $('share-link').dataset.carriesCsv = String(!this.#csv);
  }

  // ------------------------------------------------------------ exports
  #exports(): void {
    $('x-model').addEventListener('click', () => void this.#saveModels());
    $('x-history').addEventListener('click', () => {
      const rows: (string | number)[][] = [['init', 'iteration', 'train_cost', 'test_cost']];
      for (const [init, pts] of Object.entries(this.#curves))
        for (const p of pts)
          rows.push([init, p.iteration, p.train, Number.isFinite(p.test) ? p.test : '']);
      download('history.csv', formatCsv(rows), 'text/csv'); // quoted by d3-dsv: a SPEC's commas stay in its cell
    });
    $('x-svg').addEventListener('click', () => {
      const svgs = [
        ...document.querySelectorAll<SVGSVGElement>('#lab-stage svg:not(.edges)'),
      ].filter((svg) => svg.closest('figure, .chart, .multiples > div'));
      if (!svgs.length) {
        $('run-error').textContent = 'no charts yet: press Play or Step first';
        return;
      }
      // one ZIP, not one download per chart
      const files = Object.fromEntries(
        svgs.map((svg, i) => [
          `${String(i + 1).padStart(2, '0')}-${chartName(svg)}.svg`,
          strToU8(svgText(svg)),
        ]),
      );
      download('initlab-charts.zip', new Blob([zipSync(files)]), 'application/zip');
    });
    $('x-png').addEventListener('click', async () => {
      const svg = document.querySelector<SVGSVGElement>('#cost-chart svg');
      if (svg) download('cost.png', await pngOf(svg), 'image/png');
    });
  }

  /** Every run's model: one JSON file for one run, a ZIP of them for several. */
  async #saveModels(): Promise<void> {
    if (!this.#last.length || !this.#loadedKey) {
      $('run-error').textContent = 'no model yet: press Play or Step first';
      return;
    }
    try {
      const models = await this.session.api.exportModels();
      if (models.length === 1)
        download(`${models[0].init}-model.json`, models[0].json, 'application/json');
      else
        download(
          'initlab-models.zip',
          new Blob([
            zipSync(
              Object.fromEntries(
                models.map((m, i) => [`${i + 1}-${fileSafe(m.init)}-model.json`, strToU8(m.json)]),
              ),
            ),
          ]),
          'application/zip',
        );
    } catch (e) {
      $('run-error').textContent = clipMessage(
        `the models could not be saved: ${(e as Error).message.replace(/^Error: /, '')}`,
      );
    }
  }
}

/** A name usable in a file name (an initializer SPEC has colons, commas and equals signs). */
const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '_');

/** A chart's file name: its title where it has one, else the section it sits in. */
function chartName(svg: SVGSVGElement): string {
  const title =
    svg.querySelector('title')?.textContent ??
    svg.getAttribute('aria-label') ??
    svg.closest('section')?.querySelector('h2, h3')?.textContent ??
    'chart';
  return fileSafe(title).slice(0, 60) || 'chart';
}
