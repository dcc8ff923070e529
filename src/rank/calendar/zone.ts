/**
 * Time-zone arithmetic on top of Intl.DateTimeFormat (no Temporal in Node 20).
 *
 * A "civil date" is a calendar day in the calendar's zone, kept as a plain {y, m, d}. Day
 * stepping and weekdays are computed on Date.UTC numbers, which never see DST.
 */
import { isValidTimeZone, offsetAt, toLocal } from '../../time/local-time.ts';

export interface CivilDate {
  readonly y: number;
  readonly m: number; // 1-12
  readonly d: number;
}

export interface LocalParts extends CivilDate {
  /** Minutes since local midnight, 0-1439. */
  readonly minutes: number;
}

const DAY_MS = 86_400_000;
/** True when the runtime knows `timeZone` as an IANA zone name. */
export const isKnownTimeZone = isValidTimeZone;

export function localParts(timeZone: string, instant: number): LocalParts {
  const w = toLocal(new Date(instant), timeZone);
  return { y: w.year, m: w.month, d: w.day, minutes: w.hour * 60 + w.minute };
}

/**
 * zonedToInstant answers by the wall time alone, and every SLA deadline walks the same few days'
 * period starts and ends (a backfill of a month's mail: a few hundred distinct wall times), so
 * answers are kept per zone; each costs three or four Intl calls to work out. The bound keeps a
 * long-running service from growing the map without end.
 */
const instantsByZone = new Map<string, Map<number, number>>();
const MAX_KNOWN_INSTANTS = 10_000;

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `minutes` (may be 1440 = next
 * midnight). Same rules as Temporal's 'compatible' disambiguation: a wall time skipped by a DST
 * jump maps forward by the length of the jump (02:30 on a spring-forward night is 03:30), and a
 * wall time that happens twice maps to the earlier instant.
 */
export function zonedToInstant(timeZone: string, date: CivilDate, minutes: number): number {
  const asUtc = Date.UTC(date.y, date.m - 1, date.d, 0, minutes);
  const known = instantsByZone.get(timeZone);
  const hit = known?.get(asUtc);
  if (hit !== undefined) return hit;
  // Throws for an unknown zone or an invalid date before anything is kept.
  const instant = resolveWallTime(timeZone, asUtc);
  if (known === undefined) instantsByZone.set(timeZone, new Map([[asUtc, instant]]));
  else {
    if (known.size >= MAX_KNOWN_INSTANTS) known.clear();
    known.set(asUtc, instant);
  }
  return instant;
}

function resolveWallTime(timeZone: string, asUtc: number): number {
  const before = offsetAt(asUtc - DAY_MS, timeZone);
  const after = offsetAt(asUtc + DAY_MS, timeZone);
  const valid: number[] = [];
  for (const offset of new Set([before, after])) {
    const candidate = asUtc - offset;
    if (offsetAt(candidate, timeZone) === offset) valid.push(candidate);
  }
  if (valid.length > 0) return Math.min(...valid);
  return asUtc - before;
}

export function civilFromUtcDay(dayNumber: number): CivilDate {
  const t = new Date(dayNumber * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** Days since 1970-01-01 for a civil date: a DST-free counter for stepping through days. */
export function utcDayNumber(date: CivilDate): number {
  return Math.floor(Date.UTC(date.y, date.m - 1, date.d) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday, as Date#getUTCDay. */
export function weekday(date: CivilDate): number {
  return new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay();
}

export function isoDate(date: CivilDate): string {
  return `${String(date.y).padStart(4, '0')}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`;
}

/** Parses YYYY-MM-DD strictly (no rollover: 2026-02-30 is rejected). */
export function parseIsoDate(text: string): CivilDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return null;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const back = civilFromUtcDay(utcDayNumber(date));
  return back.y === date.y && back.m === date.m && back.d === date.d ? date : null;
}
