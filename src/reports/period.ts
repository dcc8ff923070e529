/**
 * Report periods in a person's own time zone: "the week ending now" (the same wall-clock time
 * seven days earlier, so a DST change does not shift it), ISO 8601 week numbers, and the Monday
 * 08:00 at which the weekly report of a week falls due.
 */
import { addDays, dateKey, fromLocal, type LocalDate, toLocal } from '../time/local-time.ts';

export interface ReportPeriod {
  start: Date;
  end: Date;
  timeZone: string;
  /** '2025-03-03 - 2025-03-10' in the person's zone */
  label: string;
}

export interface IsoWeek {
  year: number;
  week: number;
}

/** ISO 8601 weekday, Monday 1 .. Sunday 7. */
function isoWeekday(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** ISO 8601 week of a calendar date: the week belongs to the year of its Thursday. */
export function isoWeekOf(date: LocalDate): IsoWeek {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const jan1 = Date.UTC(thursday.year, 0, 1);
  const dayOfYear = Math.round(
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - jan1) / 86_400_000,
  );
  return { year: thursday.year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** '2025-W09' */
export function isoWeekKey(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

/** The seven days ending at `end`, as the person in `timeZone` counts them. */
export function weekEnding(end: Date, timeZone: string): ReportPeriod {
  const local = toLocal(end, timeZone);
  const startDate = addDays(local, -7);
  const start = fromLocal({ ...startDate, hour: local.hour, minute: local.minute }, timeZone);
  // fromLocal works in whole minutes: keep the seconds of `end` so the period is exactly a week.
  const startExact = new Date(start.getTime() + (end.getTime() % 60_000));
  return { start: startExact, end, timeZone, label: `${dateKey(startDate)} - ${dateKey(local)}` };
}

export interface WeeklySlot {
  /** Monday 08:00 local of the ISO week `now` falls in */
  dueAt: Date;
  week: IsoWeek;
}

export const WEEKLY_SEND_HOUR = 8;

/** The weekly report's slot for the ISO week (in `timeZone`) that contains `now`. */
export function weeklySlot(now: Date, timeZone: string, hour = WEEKLY_SEND_HOUR): WeeklySlot {
  const local = toLocal(now, timeZone);
  const monday = addDays(local, 1 - isoWeekday(local));
  return { dueAt: fromLocal({ ...monday, hour, minute: 0 }, timeZone), week: isoWeekOf(monday) };
}
