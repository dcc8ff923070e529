/**
 * Public holidays from the date-holidays data set, the one reader of it: the SLA clock's
 * office calendars (a country, or a country and state such as DE-BY) and the follow-up
 * planner's buyer countries both ask here.
 *
 * Only whole-day 'public' holidays count. Bank, school, optional and observance days are
 * working days for a sales or purchasing office, and the data also lists half days for some
 * groups (in China: Women's Day, Youth Day and Army Day afternoons) that close no office.
 */
import Holidays from 'date-holidays';

export interface HolidayRegion {
  readonly country: string;
  readonly state: string | undefined;
}

const DAY_MS = 86_400_000;
const probe = new Holidays();
const cache = new Map<string, ReadonlySet<string>>();
let knownCountries: ReadonlySet<string> | undefined;

/** 'CN' or 'DE-BY' (country, then ISO 3166-2 state), as written in the config. */
export function parseHolidayRegion(code: string): HolidayRegion {
  const [country = '', state] = code.trim().toUpperCase().split('-', 2);
  return { country, state: state === undefined || state === '' ? undefined : state };
}

/** True when date-holidays has data for the country (an ISO 3166-1 alpha-2 code). */
export function hasHolidayData(country: string): boolean {
  knownCountries ??= new Set(Object.keys(probe.getCountries()));
  return knownCountries.has(country.toUpperCase());
}

/** Why `code` cannot be used, or null when date-holidays knows it. */
export function holidayRegionProblem(code: string): string | null {
  const { country, state } = parseHolidayRegion(code);
  if (!hasHolidayData(country)) {
    return `'${code}' is not a country known to date-holidays; write a two-letter code such as CN, US or DE-BY`;
  }
  if (state !== undefined) {
    const states = probe.getStates(country) ?? {};
    if (!(state in states)) {
      const known = Object.keys(states);
      const hint = known.length > 0 ? `use one of ${known.join(', ')}` : `write just ${country}`;
      return `'${code}': ${country} has no state ${state} in date-holidays; ${hint}`;
    }
  }
  return null;
}

/**
 * ISO dates ('YYYY-MM-DD', local to the region) of the public holidays that start in `year`;
 * a region written as a string is parsed as in the config. A country without data has none.
 */
export function publicHolidayDates(region: HolidayRegion | string, year: number): ReadonlySet<string> {
  const { country, state } = typeof region === 'string' ? parseHolidayRegion(region) : region;
  const key = `${country}-${state ?? ''}-${year}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const dates = new Set<string>();
  if (hasHolidayData(country)) {
    const hd =
      state === undefined
        ? new Holidays(country, { types: ['public'] })
        : new Holidays(country, state, { types: ['public'] });
    for (const h of hd.getHolidays(year) ?? []) {
      // A half-day holiday starts at noon ("2025-03-08 12:00:00"); a closure at midnight.
      if (h.type !== 'public' || h.date.slice(11, 19) !== '00:00:00') continue;
      const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < days; i++) dates.add(new Date(first + i * DAY_MS).toISOString().slice(0, 10));
    }
  }
  cache.set(key, dates);
  return dates;
}

/** Whether an ISO date is a public holiday in the region. */
export function isPublicHoliday(region: HolidayRegion | string, isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  // A holiday of several days that starts late in December is listed under the year it starts.
  return publicHolidayDates(region, year).has(isoDate) || publicHolidayDates(region, year - 1).has(isoDate);
}
