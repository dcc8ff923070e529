/**
 * Working-time arithmetic for SLA clocks: deadlines and elapsed time counted only inside a
 * working calendar (time zone, split shifts, night shifts, holidays). Pure: every function takes
 * the instants it needs and reads no clock. A calendar is compiled once and cached by object
 * identity, so treat a parsed calendar as immutable.
 */
import { TrademailError } from '../errors.ts';
import { workingIntervals } from './calendar/intervals.ts';
import { type WorkingCalendar, workingCalendarSchema } from './calendar/schema.ts';
import { parseOrThrow } from './validate.ts';

export { DAY_KEYS, type DayKey } from './calendar/periods.ts';
export {
  DEFAULT_HOURS,
  DEFAULT_TIME_ZONE,
  type WorkingCalendar,
  type WorkingCalendarInput,
  workingCalendarSchema,
} from './calendar/schema.ts';

export const HOUR_MS = 3_600_000;

/** Validates a calendar from config; throws CONFIG_INVALID naming each bad field and its fix. */
export function parseWorkingCalendar(input: unknown): WorkingCalendar {
  return parseOrThrow(workingCalendarSchema, input, 'working calendar');
}

function instant(value: Date, name: string): number {
  const t = value.getTime();
  if (Number.isNaN(t)) throw new TrademailError('USAGE', `${name} is an invalid Date`);
  return t;
}

/**
 * The instant `ms` of working time after `start` (the SLA deadline). Time before the first
 * working period does not count, and a deadline that uses up a period exactly is that period's
 * end (18:00), not the next morning.
 */
export function addWorkingTime(calendar: WorkingCalendar, start: Date, ms: number): Date {
  if (!Number.isFinite(ms) || ms < 0) {
    throw new TrademailError('USAGE', `working time to add must be a finite number >= 0, got ${ms}`);
  }
  const from = instant(start, 'start');
  let remaining = ms;
  for (const iv of workingIntervals(calendar, from)) {
    const begin = Math.max(iv.start, from);
    const available = iv.end - begin;
    if (remaining <= available) return new Date(begin + remaining);
    remaining -= available;
  }
  throw new TrademailError('USAGE', 'working interval stream ended');
}

/**
 * Working ms between `a` and `b`: positive when `b` is later, negative when earlier, so
 * "remaining until the deadline" keeps its sign once the deadline has passed.
 */
export function workingTimeBetween(calendar: WorkingCalendar, a: Date, b: Date): number {
  const from = instant(a, 'a');
  const to = instant(b, 'b');
  if (to < from) return -workingTimeBetween(calendar, b, a);
  let total = 0;
  for (const iv of workingIntervals(calendar, from)) {
    if (iv.start >= to) break;
    total += Math.min(iv.end, to) - Math.max(iv.start, from);
  }
  return total;
}

/** True when `t` lies inside a working period (start inclusive, end exclusive). */
export function isWorkingTime(calendar: WorkingCalendar, t: Date): boolean {
  const at = instant(t, 't');
  for (const iv of workingIntervals(calendar, at)) return iv.start <= at;
  return false;
}

/** `t` itself when it is working time, else the start of the next working period. */
export function nextWorkingTime(calendar: WorkingCalendar, t: Date): Date {
  const at = instant(t, 't');
  for (const iv of workingIntervals(calendar, at)) return new Date(Math.max(iv.start, at));
  throw new TrademailError('USAGE', 'working interval stream ended');
}
