// The lesson: the notebook's three runs, each step with its own worker (so clicking the
// steps in any order, or replaying one, never cancels another), a shared pace, a combined
// cost chart, a "predict, then run" question before each step, and a presenter mode.
import {
  NOTEBOOK_DEFAULTS,
  NOTEBOOK_TEST_SPEC,
  NOTEBOOK_TRAIN_SPEC,
} from '../../../src/experiments/notebook-config.js';
import { boundaries, boundaryFigure, costChart, type History } from '../charts.js';
import { drawAllNow, later } from '../frames.js';
import type { DataSummary, JobConfig, RunUpdate } from '../job.js';
import { clipMessage } from '../echo.js';
import { Session } from '../session.js';
import { logSlider } from '../speed.js';
import { $, divergedText, markTrained, pct, testText } from './page.js';

/** The lesson's order, which is also the summary table's and the combined chart's. */
export const LESSON_INITS = ['zeros', 'random', 'he'] as const;
/** 67 iterations per step, 30 steps a second: the 15,000 iterations in about 7.5 s. */
export const LESSON_SPEED = 67;

const lessonConfig = (init: string): JobConfig => ({
  train: NOTEBOOK_TRAIN_SPEC,
  test: NOTEBOOK_TEST_SPEC,
  layers: NOTEBOOK_DEFAULTS.layers,
  activation: 'relu',
  inits: [init],
  seed: 3,
  scale: 10,
  optimizer: 'gd',
  learningRate: 0.01,
  iterations: 15000,
  batchSize: 0,
  printEvery: 1000,
});

/** One step of the lesson: its own session, button, figures and numbers. */
class LessonStep {
  readonly init: string;
  readonly curve: History[string] = [];
  result: RunUpdate | null = null;
  #session: Session | null = null;
  /** Which of this step's runs is current (an update from a replaced run is dropped). */
  #run = 0;
  #button: HTMLButtonElement;
  /** Stops this step's run where it is (enabled only while it runs). */
  #stop: HTMLButtonElement;
  /** The iteration the run has reached, as last drawn. */
  #iteration = 0;
  #cost: HTMLElement;
  #boundary: HTMLElement;
  #numbers: HTMLElement;
  #lesson: Lesson;

  constructor(init: string, lesson: Lesson) {
    this.init = init;
    this.#lesson = lesson;
    this.#button = document.querySelector<HTMLButtonElement>(
      `button.train-lesson[data-init="${init}"]`,
    )!;
    const out = $(`lesson-${init}`);
    [this.#cost, this.#boundary, this.#numbers] = out.children as unknown as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    this.#stop = document.querySelector<HTMLButtonElement>(
      `button.stop-lesson[data-stop="${init}"]`,
    )!;
    this.#button.addEventListener('click', () => void this.run());
    this.#stop.addEventListener('click', () => this.stop());
  }

  /** Sets the pace of this step's run, if one is playing. */
  setSpeed(speed: number): void {
    void this.#session?.api.setSpeed(speed);
  }

  /** Stops this step's run where it is (its updates are dropped from now on); Replay starts it again. */
  stop(): void {
    if (this.#stop.disabled) return;
    this.#run++;
    this.#session?.reset();
    this.#stop.disabled = true;
    const numbers = this.#numbers;
    numbers.classList.remove('error');
    numbers.textContent = `stopped at iteration ${this.#iteration}: press Replay to run it again`;
    numbers.dataset.done = 'false';
  }

  /** Trains (or trains again) this step's run; other steps' runs go on untouched. */
  async run(): Promise<void> {
    const mine = ++this.#run;
    const numbers = this.#numbers;
    delete numbers.dataset.done;
    numbers.classList.remove('error');
    numbers.textContent = 'starting…';
    this.#iteration = 0;
    this.#stop.disabled = false;
    this.curve.length = 0;
    this.result = null;
    this.#button.textContent = `Replay ${this.#button.dataset.label}`;
    this.#lesson.stepChanged();
    this.#session ??= new Session();
    try {
      const data = await this.#session.load(lessonConfig(this.init));
      if (mine !== this.#run || !data) return;
      boundaryFigure(data, this.init, this.#boundary);
      this.#lesson.revealPrediction(this.init);
      await this.#session.play((updates) => {
        if (mine === this.#run) this.#draw(updates[0], data, mine);
      }, this.#lesson.speed);
    } catch (e) {
      if (mine !== this.#run) return;
      this.#stop.disabled = true;
      // said where the lesson's numbers appear, not only in the console
      numbers.textContent = clipMessage(
        `this run could not be trained: ${(e as Error).message.replace(/^Error: /, '')}`,
      );
      numbers.classList.add('error');
    }
  }

  #draw(u: RunUpdate, data: DataSummary, mine: number): void {
    for (const p of u.curve) this.curve.push(p); // a loop: a long curve would overflow push(...)
    const numbers = this.#numbers;
    const draws: [string, () => void][] = [
      [
        `lesson-cost-${this.init}`,
        () => costChart({ [this.init]: this.curve }, this.#cost, `Cost with ${this.init}`),
      ],
      [`lesson-boundary-${this.init}`, () => boundaries([u], data, this.#boundary, !u.done)],
      ['lesson-combined', () => this.#lesson.drawCombined()],
      [
        `lesson-numbers-${this.init}`,
        () => {
          if (mine !== this.#run) return; // stopped or replayed since this update came
          numbers.textContent = `iteration ${u.iteration}: train accuracy ${pct(u.trainAccuracy)}, ${testText(u.testAccuracy)}${u.stopReason === 'diverged' ? ` — ${divergedText(u)}` : ''}`;
          numbers.dataset.train = String(u.trainAccuracy);
          numbers.dataset.test = String(u.testAccuracy);
          numbers.dataset.done = String(u.done);
          this.#iteration = u.iteration;
          if (u.done) {
            this.#stop.disabled = true;
            this.result = u;
            this.#lesson.stepChanged();
          }
        },
      ],
    ];
    if (u.done) {
      markTrained();
      drawAllNow(draws);
    } else for (const [key, draw] of draws) later(key, 120, draw);
  }
}

export class Lesson {
  speed = LESSON_SPEED;
  readonly steps: LessonStep[];
  /** Presenter mode's current slide (0: the introduction, 1–3: the steps, 4: the summary). */
  #slide = 0;

  constructor() {
    this.steps = LESSON_INITS.map((init) => new LessonStep(init, this));
    logSlider($<HTMLInputElement>('lesson-speed'), $('lesson-speed-value'), this.speed, (s) => {
      this.speed = s;
      for (const step of this.steps) step.setSpeed(s);
    });
    for (const form of document.querySelectorAll<HTMLFieldSetElement>('.predict')) {
      form.addEventListener('change', () => {
        form.dataset.answered = 'true';
      });
    }
    $('b-presenter').addEventListener('click', () =>
      this.present(!document.body.classList.contains('presenter')),
    );
    document.addEventListener('keydown', (e) => this.#key(e));
  }

  /** After a step's run starts: what the reader predicted, next to what the run will show. */
  revealPrediction(init: string): void {
    const box = document.querySelector<HTMLFieldSetElement>(`.predict[data-init="${init}"]`);
    const chosen = box?.querySelector<HTMLInputElement>('input:checked');
    const said = $(`predicted-${init}`);
    if (box) box.hidden = true; // asked before the run; the answer now stands in its place
    // the explanation follows the prediction, never precedes it
    const explain = said.parentElement!.querySelector<HTMLElement>('.explain');
    if (explain) explain.hidden = false;
    said.textContent = chosen
      ? `You predicted: ${chosen.parentElement!.textContent!.trim()}. Watch the run:`
      : 'No prediction made: watch the run, and guess before the next one.';
  }

  /** The combined cost chart: every run started so far, on one axis, in the lesson's order. */
  drawCombined(): void {
    const history: History = {};
    for (const step of this.steps) if (step.curve.length) history[step.init] = step.curve;
    if (Object.keys(history).length)
      costChart(history, $('lesson-combined'), 'Cost of the three runs');
  }

  /** Shows the summary once a run has started; fills the table with every finished run, in the lesson's order. */
  stepChanged(): void {
    const started = this.steps.some((s) => s.curve.length || s.result);
    $('lesson-summary').hidden = !started && !document.body.classList.contains('presenter');
    const done = this.steps.filter((s) => s.result);
    $('lesson-table').hidden = done.length === 0;
    $('lesson-table')
      .querySelector('tbody')!
      .replaceChildren(
        ...done.map((s) => {
          const r = s.result!;
          const tr = document.createElement('tr');
          // the verdict is read off the run (as the CLI's table), not looked up by the initializer's name
          for (const c of [
            s.init,
            pct(r.trainAccuracy),
            r.testAccuracy === null ? 'no test set' : pct(r.testAccuracy),
            r.verdict ?? '',
          ])
            tr.append(Object.assign(document.createElement('td'), { textContent: c }));
          return tr;
        }),
      );
  }

  /** Presenter mode: large type, one slide per screen; arrow keys, space and Page Up/Down move, Escape leaves. */
  present(on: boolean): void {
    document.body.classList.toggle('presenter', on);
    $('b-presenter').setAttribute('aria-pressed', String(on));
    this.#show(on ? this.#slide : -1);
  }

  #show(slide: number): void {
    const slides = document.querySelectorAll<HTMLElement>('#lesson [data-slide]');
    this.#slide = Math.max(0, Math.min(slides.length - 1, slide));
    for (const s of slides)
      s.classList.toggle('current', slide >= 0 && Number(s.dataset.slide) === this.#slide);
    if (slide >= 0) $('lesson-summary').hidden = false;
    else this.stepChanged();
    $('slide-number').textContent = slide >= 0 ? `${this.#slide + 1} / ${slides.length}` : '';
  }

  #key(e: KeyboardEvent): void {
    if (!document.body.classList.contains('presenter') || $('lesson').hidden) return;
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    if (e.key === ' ' && (e.target as HTMLElement).closest('button')) return; // space presses the focused button
    const forward = ['ArrowRight', 'ArrowDown', 'PageDown', ' '].includes(e.key);
    const back = ['ArrowLeft', 'ArrowUp', 'PageUp'].includes(e.key);
    if (e.key === 'Escape') this.present(false);
    else if (forward || back) {
      e.preventDefault();
      this.#show(this.#slide + (forward ? 1 : -1));
    }
  }
}
