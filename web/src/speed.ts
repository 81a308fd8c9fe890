// The speed slider is logarithmic: its position p (0 … SPEED_DECADES) means 10^p iterations
// per step, so 1, 10, 100 and 10,000 are equally easy to reach.
import { STEPS_PER_SECOND } from './job.js';

export const SPEED_DECADES = 5;

/** The iterations per step at slider position `p`. */
export const speedAt = (p: number): number =>
  Math.max(1, Math.min(10 ** SPEED_DECADES, Math.round(10 ** p)));

/** The slider position of `speed` iterations per step. */
export const positionOf = (speed: number): number => Math.log10(Math.max(1, speed));

/** The speed in words: per step, and the pace per second it aims at (a heavy network goes slower). */
export function speedText(speed: number): string {
  const perSecond = speed * STEPS_PER_SECOND;
  return `${speed.toLocaleString('en')} iterations per step (up to ${perSecond.toLocaleString('en')} a second, as fast as the network allows)`;
}

/** Makes a range input logarithmic, showing its value in `readout`; `onChange` gets iterations per step. */
export function logSlider(
  input: HTMLInputElement,
  readout: HTMLElement,
  speed: number,
  onChange: (speed: number) => void,
): (speed: number) => void {
  Object.assign(input, { min: '0', max: String(SPEED_DECADES), step: 'any' });
  const show = (s: number) => {
    input.value = String(positionOf(s));
    readout.textContent = speedText(s);
    input.setAttribute('aria-valuetext', speedText(s));
  };
  show(speed);
  input.addEventListener('input', () => {
    const s = speedAt(Number(input.value));
    readout.textContent = speedText(s);
    input.setAttribute('aria-valuetext', speedText(s));
    onChange(s);
  });
  return show;
}
