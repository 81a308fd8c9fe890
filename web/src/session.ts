// A training session: one owner's own worker (a lesson step, or the lab), so one owner's
// run never cancels, freezes or replaces another's. Starting again replaces only this
// session's run.
import * as Comlink from 'comlink';
import type { DataSummary, JobConfig, RunUpdate } from './job.js';
import type { WorkerApi } from './worker.js';

/** `starting`: a job was sent and the worker is drawing its data and building its networks. */
export type SessionState = 'idle' | 'starting' | 'loaded' | 'playing' | 'paused' | 'done';

export class Session {
  readonly api: Comlink.Remote<WorkerApi>;
  #state: SessionState = 'idle';
  #run: Promise<void> | null = null;
  /** Counts loads and resets: a load answered after a reset (or a newer load) is stale. */
  #ticket = 0;
  /** Called whenever the state changes (to enable the buttons that mean something now). */
  onState: (s: SessionState) => void = () => {};

  constructor() {
    this.api = Comlink.wrap<WorkerApi>(
      new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
    );
  }

  get state(): SessionState {
    return this.#state;
  }

  #set(s: SessionState): void {
    this.#state = s;
    this.onState(s);
  }

  /**
   * Loads a job (replacing this session's run, if any): `starting` at once, `loaded` when the
   * worker has built it. Resolves with null when the session was reset (or loaded again)
   * meanwhile; throws the worker's message for a bad job.
   */
  async load(config: JobConfig): Promise<DataSummary | null> {
    const mine = ++this.#ticket;
    this.#run = null;
    this.#set('starting');
    try {
      const data = await this.api.load(config);
      if (mine !== this.#ticket) return null;
      this.#set('loaded');
      return data;
    } catch (e) {
      if (mine !== this.#ticket) return null;
      this.#set('idle');
      throw e;
    }
  }

  /**
   * Plays the loaded job to its end at `speed` iterations per step, calling `onUpdate` about
   * every `frameMs`; `extras` adds per-layer statistics. Resolves when the run ends or is replaced.
   */
  async play(
    onUpdate: (u: RunUpdate[]) => void,
    speed: number,
    { frameMs = 150, extras = false, paused = false } = {},
  ): Promise<void> {
    // the job loaded last, unless it was reset or replaced meanwhile (then nothing plays)
    const ticket = this.#ticket;
    if (this.#state !== 'loaded') return;
    await this.api.setSpeed(speed);
    if (ticket !== this.#ticket) return;
    const run = this.api.play(
      Comlink.proxy((u: RunUpdate[]) => {
        onUpdate(u);
        if (u.every((x) => x.done) && run === this.#run) this.#set('done');
      }),
      frameMs,
      extras,
      paused,
    );
    this.#run = run;
    this.#set(paused ? 'paused' : 'playing');
    await run;
  }

  /** True while a run is loaded and not finished (pause, resume and step then act on it). */
  get live(): boolean {
    return this.#run !== null && this.#state !== 'done';
  }

  async pause(): Promise<void> {
    await this.api.pause();
    if (this.live) this.#set('paused');
  }

  async resume(): Promise<void> {
    await this.api.resume();
    if (this.live) this.#set('playing');
  }

  async step(iterations: number): Promise<void> {
    await this.api.step(iterations);
  }

  /** Forgets the run: the worker's job is replaced by the next load. */
  reset(): void {
    this.#ticket++;
    this.#run = null;
    void this.api.stop();
    this.#set('idle');
  }
}
