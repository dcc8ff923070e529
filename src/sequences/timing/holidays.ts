import Holidays from 'date-holidays';
import type { LocalDate } from '../../time/local-time.ts';
import { addDays, dateKey } from '../../time/local-time.ts';

/**
 * Answers "is this local date a day off in that country?". Injected into planning so tests and
 * users can substitute their own calendar; the default is date-holidays' national public holidays.
 */
export type HolidayCalendar = (country: string, date: LocalDate) => boolean;

let knownCountries: ReadonlySet<string> | null = null;
const cache = new Map<string, ReadonlySet<string>>();

/** True when date-holidays has data for the country (an ISO 3166-1 alpha-2 code). */
export function hasHolidayData(country: string): boolean {
  if (knownCountries === null) knownCountries = new Set(Object.keys(new Holidays().getCountries()));
  return knownCountries.has(country.toUpperCase());
}

/**
 * Dates ('YYYY-MM-DD', local to the country) of the nation-wide public holidays of a year.
 * Only type 'public' counts (bank, school, optional and observance days are working days for a
 * buyer's purchasing office), and only whole days: date-holidays lists some half-day holidays
 * (e.g. China's Women's Day afternoon) that are not office closures. Regional holidays (German
 * Länder, US states) are not included because we rarely know a buyer's region.
 * An unknown country has no holiday data and yields an empty set.
 */
export function publicHolidayDates(country: string, year: number): ReadonlySet<string> {
  const code = country.toUpperCase();
  const key = `${code}:${year}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const days = new Set<string>();
  if (hasHolidayData(code)) {
    const hd = new Holidays(code, { types: ['public'] });
    for (const h of hd.getHolidays(year)) {
      // A half-day holiday starts at noon ("2025-03-08 12:00:00"); a closure starts at midnight.
      if (h.type !== 'public' || h.date.slice(11, 19) !== '00:00:00') continue;
      const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / 86_400_000));
      const [y, m, d] = h.date.slice(0, 10).split('-').map(Number);
      const first = { year: y!, month: m!, day: d! };
      for (let i = 0; i < length; i++) days.add(dateKey(addDays(first, i)));
    }
  }
  cache.set(key, days);
  return days;
}

/** The default calendar: national public holidays from date-holidays. */
export const publicHolidays: HolidayCalendar = (country, date) => {
  const key = dateKey(date);
  // A multi-day holiday that starts late in December is listed under the year it starts in.
  return (
    publicHolidayDates(country, date.year).has(key) || publicHolidayDates(country, date.year - 1).has(key)
  );
};

/** A calendar with no holidays, for users who opt out of holiday skipping. */
export const noHolidays: HolidayCalendar = () => false;
