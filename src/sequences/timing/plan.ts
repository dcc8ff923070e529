import { TrademailError } from '../../errors.ts';
import type { LocalDate } from '../../time/local-time.ts';
import { addDays, compareDates, toLocal } from '../../time/local-time.ts';
import type { Delay } from './delay.ts';
import { delayRangeMs } from './delay.ts';
import type { SlotContext, SlotOptions } from './window.ts';
import { dayWindow, firstSlotFrom, slotContext } from './window.ts';

export interface PlanInput extends SlotOptions {
  /** When the previous step was sent (or the enrollment started, for a first step). */
  previousAt: Date;
  delay: Delay;
  /** Uniform in [0, 1); injected so plans are reproducible in tests (Math.random in production). */
  rng: () => number;
}

/** A half-open span [start, end) of epoch milliseconds. */
interface Span {
  start: number;
  end: number;
}

/** The parts of [from, to] (inclusive) that fall inside the send window. */
function openSpans(from: number, to: number, ctx: SlotContext): Span[] {
  const spans: Span[] = [];
  const last = toLocal(new Date(to), ctx.timeZone);
  for (
    let day: LocalDate = toLocal(new Date(from), ctx.timeZone);
    compareDates(day, last) <= 0;
    day = addDays(day, 1)
  ) {
    const w = dayWindow(day, ctx);
    if (w === null) continue;
    // `to + 1` keeps the range's end instant itself eligible, so a zero-width delay still works.
    const start = Math.max(w.start.getTime(), from);
    const end = Math.min(w.end.getTime(), to + 1);
    if (start < end) spans.push({ start, end });
  }
  return spans;
}

function draw(rng: () => number): number {
  const r = rng();
  if (!(r >= 0 && r < 1)) {
    throw new TrademailError(
      'USAGE',
      `rng returned ${r}; it must return a number in [0, 1) like Math.random`,
    );
  }
  return r;
}

/**
 * Picks when to send a step: a random instant (jitter from `rng`, uniform over the open time) that
 * lies within `delay` after `previousAt` and inside the buyer's local send window, on a working day
 * that is not a public holiday of the buyer's country. When the delay range holds no such instant
 * (a short range over a weekend), the first window opening after the range is used.
 */
export function planSendTime(input: PlanInput): Date {
  const ctx = slotContext(input);
  const { minMs, maxMs } = delayRangeMs(input.delay);
  if (!(minMs >= 0 && maxMs >= minMs)) {
    throw new TrademailError('USAGE', `delay ${JSON.stringify(input.delay)} must have 0 <= min <= max`);
  }
  const from = input.previousAt.getTime() + minMs;
  const to = input.previousAt.getTime() + maxMs;
  const spans = openSpans(from, to, ctx);
  if (spans.length === 0) return firstSlotFrom(new Date(to), ctx);

  const total = spans.reduce((sum, s) => sum + (s.end - s.start), 0);
  let offset = Math.floor(draw(input.rng) * total);
  for (const s of spans) {
    const length = s.end - s.start;
    if (offset < length) {
      const at = s.start + offset;
      // Whole seconds read better in logs and Date headers; never round below the span.
      const rounded = Math.floor(at / 1000) * 1000;
      return new Date(rounded >= s.start ? rounded : at);
    }
    offset -= length;
  }
  return new Date(spans[spans.length - 1]!.end - 1);
}
