/**
 * A step's wait after the previous step, as a range: the planner picks a time inside it. Whole
 * days for the follow-up cadence, whole hours for short waits (a trade-show thank-you).
 */
export type Delay = { minDays: number; maxDays: number } | { minHours: number; maxHours: number };

const HOUR_MS = 3_600_000;

/** The range in milliseconds. */
export function delayRangeMs(delay: Delay): { minMs: number; maxMs: number } {
  if ('minDays' in delay) return { minMs: delay.minDays * 24 * HOUR_MS, maxMs: delay.maxDays * 24 * HOUR_MS };
  return { minMs: delay.minHours * HOUR_MS, maxMs: delay.maxHours * HOUR_MS };
}

/** The range in minutes, as stored per step (SequenceStep.minDelayMinutes / maxDelayMinutes). */
export function delayRangeMinutes(delay: Delay): { min: number; max: number } {
  const { minMs, maxMs } = delayRangeMs(delay);
  return { min: Math.round(minMs / 60_000), max: Math.round(maxMs / 60_000) };
}
