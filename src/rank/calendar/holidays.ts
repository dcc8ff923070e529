/**
 * Public holidays from the date-holidays data set, keyed by ISO date. Only whole-day 'public'
 * holidays count: the data also lists half days for some groups (in China: Women's Day, Youth
 * Day and Army Day afternoons), which do not close a sales office.
 */
import Holidays from 'date-holidays';

export interface HolidayRegion {
  readonly country: string;
  readonly state: string | undefined;
}

const DAY_MS = 86_400_000;
const probe = new Holidays();
const cache = new Map<string, ReadonlySet<string>>();

/** 'CN' or 'DE-BY' (country, then ISO 3166-2 state), as written in the config. */
export function parseHolidayRegion(code: string): HolidayRegion {
  const [country = '', state] = code.trim().toUpperCase().split('-', 2);
  return { country, state: state === undefined || state === '' ? undefined : state };
}

/** Why `code` cannot be used, or null when date-holidays knows it. */
export function holidayRegionProblem(code: string): string | null {
  const { country, state } = parseHolidayRegion(code);
  const countries = probe.getCountries();
  if (!(country in countries)) {
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

export function publicHolidayDates(region: HolidayRegion, year: number): ReadonlySet<string> {
  const key = `${region.country}-${region.state ?? ''}-${year}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const hd =
    region.state === undefined
      ? new Holidays(region.country, { types: ['public'] })
      : new Holidays(region.country, region.state, { types: ['public'] });
  const dates = new Set<string>();
  for (const h of hd.getHolidays(year) ?? []) {
    if (h.type !== 'public' || h.date.slice(11, 19) !== '00:00:00') continue;
    const first = Date.parse(`${h.date.slice(0, 10)}T00:00:00Z`);
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let i = 0; i < days; i++) dates.add(new Date(first + i * DAY_MS).toISOString().slice(0, 10));
  }
  cache.set(key, dates);
  return dates;
}
