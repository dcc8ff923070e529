/**
 * Turns a working calendar into a stream of working intervals in absolute time, merged where a
 * night shift runs into the next day's first period. Every public function of the working-hours
 * module walks this stream, so there is one place where DST, holidays and midnight are handled.
 */
import { TrademailError } from '../../errors.ts';
import { type HolidayRegion, isPublicHoliday, parseHolidayRegion } from '../../time/holidays.ts';
import { DAY_KEY_BY_WEEKDAY, DAY_KEYS, type Period, parsePeriod } from './periods.ts';
import type { WorkingCalendar } from './schema.ts';
import {
  type CivilDate,
  civilFromUtcDay,
  isoDate,
  localParts,
  utcDayNumber,
  weekday,
  zonedToInstant,
} from './zone.ts';

export interface Interval {
  readonly start: number;
  readonly end: number;
}

interface CompiledCalendar {
  readonly timeZone: string;
  /** Index by weekday, 0 = Sunday. */
  readonly week: readonly (readonly Period[])[];
  /** Hours for a worked weekend day (the first of Monday-Friday that has hours). */
  readonly fallbackWorkday: readonly Period[];
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
  readonly region: HolidayRegion | undefined;
}

/** Days with no working time after which we stop looking: the calendar cannot be satisfied. */
const MAX_IDLE_DAYS = 800;
const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function compile(calendar: WorkingCalendar): CompiledCalendar {
  const hit = compiled.get(calendar);
  if (hit !== undefined) return hit;
  const week = DAY_KEY_BY_WEEKDAY.map((key) =>
    (calendar.hours[key] ?? []).map((text, i) => {
      const parsed = parsePeriod(text);
      if (!parsed.ok) {
        // Reached only when a calendar skipped workingCalendarSchema.
        throw new TrademailError('CONFIG_INVALID', `hours.${key}[${i}]: ${parsed.message}`);
      }
      return parsed.period;
    }),
  );
  const weekdays = DAY_KEYS.slice(0, 5).map((key) => week[DAY_KEY_BY_WEEKDAY.indexOf(key)] ?? []);
  const out: CompiledCalendar = {
    timeZone: calendar.timeZone,
    week: week.map((periods) => [...periods].sort((a, b) => a.start - b.start)),
    fallbackWorkday: weekdays.find((periods) => periods.length > 0) ?? [],
    holidays: new Set(calendar.holidays),
    workdays: new Set(calendar.workdays ?? []),
    region: calendar.holidayCountry === undefined ? undefined : parseHolidayRegion(calendar.holidayCountry),
  };
  compiled.set(calendar, out);
  return out;
}

function periodsOn(cal: CompiledCalendar, date: CivilDate): readonly Period[] {
  const iso = isoDate(date);
  const regular = cal.week[weekday(date)] ?? [];
  if (cal.workdays.has(iso)) return regular.length > 0 ? regular : cal.fallbackWorkday;
  if (cal.holidays.has(iso)) return [];
  if (cal.region !== undefined && isPublicHoliday(cal.region, iso)) return [];
  return regular;
}

/** Working intervals that end after `from`, in order, merged where they touch or overlap. */
export function* workingIntervals(calendar: WorkingCalendar, from: number): Generator<Interval> {
  const cal = compile(calendar);
  // Start a day early: a period that crosses midnight belongs to the day it started on.
  let day = utcDayNumber(localParts(cal.timeZone, from)) - 1;
  let pending: Interval | null = null;
  let idle = 0;
  for (;;) {
    const date = civilFromUtcDay(day);
    const periods = periodsOn(cal, date);
    for (const p of periods) {
      const next = {
        start: zonedToInstant(cal.timeZone, date, p.start),
        end: zonedToInstant(cal.timeZone, date, p.end),
      };
      if (next.end <= from || next.end <= next.start) continue;
      if (pending !== null && next.start <= pending.end) {
        pending = { start: pending.start, end: Math.max(pending.end, next.end) };
        continue;
      }
      if (pending !== null) yield pending;
      pending = next;
    }
    idle = periods.length === 0 ? idle + 1 : 0;
    if (idle > MAX_IDLE_DAYS) {
      throw new TrademailError(
        'CONFIG_INVALID',
        `working calendar has no working time for ${MAX_IDLE_DAYS} days after ${isoDate(date)}; check hours and holidays`,
      );
    }
    day++;
    // Day D's periods all start before any of day D+1's, so a pending interval that ends before
    // the next local midnight cannot grow any more.
    if (pending !== null && pending.end < zonedToInstant(cal.timeZone, civilFromUtcDay(day), 0)) {
      yield pending;
      pending = null;
    }
  }
}
