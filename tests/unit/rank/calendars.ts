/** Calendars shared by the rank tests, parsed through the real schema. */
import { parseWorkingCalendar, type WorkingCalendarInput } from '../../../src/rank/working-hours.ts';

export const H = 3_600_000;
export const MIN = 60_000;

export function cal(input: WorkingCalendarInput = {}) {
  return parseWorkingCalendar(input);
}

/** Default office: Asia/Shanghai, Mon-Fri 09:00-12:00 and 13:30-18:00. */
export const shanghai = cal();

/** China time as an instant: at('2026-03-06 10:00') in +08:00. */
export function cn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

export function iso(d: Date): string {
  return d.toISOString();
}
