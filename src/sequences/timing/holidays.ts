import { isPublicHoliday } from '../../time/holidays.ts';
import type { LocalDate } from '../../time/local-time.ts';
import { dateKey } from '../../time/local-time.ts';

/**
 * Answers "is this local date a day off in that country?". Injected into planning so tests and
 * users can substitute their own calendar; the default is date-holidays' national public holidays.
 */
export type HolidayCalendar = (country: string, date: LocalDate) => boolean;

/**
 * The default calendar: the national public holidays of the buyer's country (src/time/holidays.ts
 * says which days count). Regional holidays (German Länder, US states) are left out because we
 * rarely know a buyer's region.
 */
export const publicHolidays: HolidayCalendar = (country, date) =>
  isPublicHoliday({ country: country.toUpperCase(), state: undefined }, dateKey(date));

/** A calendar with no holidays, for users who opt out of holiday skipping. */
export const noHolidays: HolidayCalendar = () => false;
