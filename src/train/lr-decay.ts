// Learning-rate decay by epoch, as the course's Optimization notebook (2021 version) writes it:
// after epoch e, learning_rate = decay(learning_rate0, e, decay_rate), so epoch 0 runs at the
// initial rate and epoch e >= 1 at decay(learning_rate0, e − 1).
import { UsageError } from '../errors.js';
import { parseSpec } from '../spec.js';
import { type ParamDef, readParam } from '../validate.js';

/**
 * - `inverse` (the course's update_lr): lr0 / (1 + rate · e)
 * - `scheduled` (its schedule_lr_decay): lr0 / (1 + rate · floor(e / interval))
 */
export interface LrDecay {
  /** `inverse`: lr0 / (1 + rate·epoch); `scheduled`: lr0 / (1 + rate·⌊epoch / interval⌋). */
  kind: 'inverse' | 'scheduled';
  /** decay_rate, >= 0. */
  rate: number;
  /** time_interval in epochs (scheduled only; the course's default 1000). */
  interval: number;
}

/** The names parseLrDecay accepts. */
export const lrDecayNames = ['none', 'inverse', 'scheduled'] as const;

/**
 * The learning rate once epoch `epoch` (from 0) is over: what the course prints as
 * "learning rate after epoch e", and what epoch e + 1 runs at.
 */
export function decayedRate(lr0: number, epoch: number, d: LrDecay): number {
  const steps = d.kind === 'inverse' ? epoch : Math.floor(epoch / d.interval);
  return (1 / (1 + d.rate * steps)) * lr0;
}

/**
 * `none`, `inverse[:rate=1]`, `scheduled[:rate=1,interval=1000]` → the decay (undefined for none).
 * @throws UsageError for another name, an unknown key or a value out of range.
 */
export function parseLrDecay(text: string): LrDecay | undefined {
  const { name, params } = parseSpec(text, 'learning-rate decay');
  if (name === 'none' && !Object.keys(params).length) return undefined;
  if (name !== 'inverse' && name !== 'scheduled')
    throw new UsageError(
      `unknown learning-rate decay "${name}"; accepted: ${lrDecayNames.join(', ')}`,
    );
  const allowed = name === 'inverse' ? ['rate'] : ['rate', 'interval'];
  const d: LrDecay = { kind: name, rate: 1, interval: 1000 };
  for (const [k, v] of Object.entries(params)) {
    if (!allowed.includes(k))
      throw new UsageError(
        `learning-rate decay ${name} takes no "${k}"; accepted: ${allowed.join(', ')}`,
      );
    // read as every other SPEC value is: its one documented spelling (validate.ts)
    d[k as 'rate' | 'interval'] = readParam(
      DECAY_PARAMS[k as 'rate' | 'interval'],
      v,
      `learning-rate decay ${name}: ${k}`,
    ) as number;
  }
  return d;
}

const DECAY_PARAMS: Readonly<Record<'rate' | 'interval', ParamDef>> = {
  rate: { default: 1, min: 0, doc: 'decay rate' },
  interval: { default: 1000, integer: true, min: 1, doc: 'epochs between decays' },
};
