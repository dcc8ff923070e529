/**
 * Wall-clock arithmetic in an IANA time zone using only Intl (no tz database of our own).
 * An instant is a `Date`; a local time is the calendar date and clock a person in that zone sees.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone);
  if (fmt === undefined) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, fmt);
  }
  return fmt;
}

/** True when Intl knows the zone name (e.g. 'Europe/Berlin'); false for typos and abbreviations like 'CET' it lacks. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Weekday of a calendar date (proleptic Gregorian, independent of any zone). */
export function weekdayOf(date: LocalDate): Weekday {
  return WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()]!;
}

/**
 * What the formatter above prints for years 1000-9999: "MM/DD/YYYY, HH:MM:SS". format() is the
 * parts of formatToParts() joined, and reading the string back is about three times cheaper than
 * formatToParts(), which SLA clocks call for every working day they walk through.
 */
const WALL_CLOCK_RE = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

function localDateTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): LocalDateTime {
  return { year, month, day, hour, minute, second, weekday: weekdayOf({ year, month, day }) };
}

/** The wall-clock reading of `instant` in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const fmt = formatterFor(timeZone);
  const m = WALL_CLOCK_RE.exec(fmt.format(instant));
  if (m !== null) {
    return localDateTime(+m[3]!, +m[1]!, +m[2]!, +m[4]!, +m[5]!, +m[6]!);
  }
  // Any other shape (years outside 1000-9999, a future ICU with other separators): read the parts.
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return localDateTime(
    parts['year']!,
    parts['month']!,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
}

/** Offset of the zone from UTC at `instant`, in milliseconds (east positive; Asia/Shanghai +8 h). */
export function offsetAt(epochMs: number, timeZone: string): number {
  const l = toLocal(new Date(epochMs), timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the clock in `timeZone` shows the given local time. In a DST gap (a local
 * time that does not exist) the result is the first instant after the gap; in an overlap (a local
 * time that happens twice) it is the earlier one.
 */
export function fromLocal(local: LocalDate & { hour: number; minute: number }, timeZone: string): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) return new Date(first);
  // The two guesses straddle a transition: keep the one whose clock reads the requested time
  // (overlap: the earlier of the two); if neither does we are in a gap, take the later instant.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const c of candidates) {
    const l = toLocal(new Date(c), timeZone);
    if (l.hour === local.hour && l.minute === local.minute) return new Date(c);
  }
  return new Date(Math.max(first, second));
}

/** The calendar date `days` after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 'YYYY-MM-DD' */
export function dateKey(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Orders two calendar dates: negative, zero or positive like a comparator. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
