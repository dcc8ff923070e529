/**
 * Sales regions for assignment rules. Trade regions (EU, Middle East, South-East Asia...) are
 * listed by country; continents come from the country's IANA time zones (countries-and-timezones):
 * the continent most of its zones are named after (Australia: Australia/*, so Oceania).
 */
import ct from 'countries-and-timezones';

const LISTED = {
  EU: 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE',
  NORTH_AMERICA: 'US CA',
  LATAM: 'MX GT BZ SV HN NI CR PA CU DO HT JM TT BS BB PR AR BO BR CL CO EC GY PY PE SR UY VE',
  MIDDLE_EAST: 'AE SA QA KW BH OM YE IQ IR JO LB SY IL PS TR EG',
  GCC: 'AE SA QA KW BH OM',
  SEA: 'BN KH ID LA MY MM PH SG TH VN TL',
  SOUTH_ASIA: 'IN PK BD LK NP BT MV AF',
} as const;

const CONTINENT_PREFIX = {
  EUROPE: ['Europe/'],
  AFRICA: ['Africa/'],
  ASIA: ['Asia/'],
  AMERICAS: ['America/'],
  OCEANIA: ['Australia/', 'Pacific/'],
} as const;

export const REGION_NAMES = [
  ...(Object.keys(LISTED) as (keyof typeof LISTED)[]),
  ...(Object.keys(CONTINENT_PREFIX) as (keyof typeof CONTINENT_PREFIX)[]),
] as const;
export type RegionName = (typeof REGION_NAMES)[number];

const listed = new Map<string, ReadonlySet<string>>(
  Object.entries(LISTED).map(([name, codes]) => [name, new Set(codes.split(/\s+/))]),
);

export function isKnownCountry(code: string): boolean {
  return ct.getCountry(code.toUpperCase()) !== null;
}

export function countryInRegion(country: string, region: RegionName): boolean {
  const code = country.toUpperCase();
  const set = listed.get(region);
  if (set !== undefined) return set.has(code);
  return continentOf(code) === region;
}

const continents = new Map<string, RegionName | null>();

function continentOf(code: string): RegionName | null {
  const hit = continents.get(code);
  if (hit !== undefined) return hit;
  const zones = ct.getCountry(code)?.timezones ?? [];
  let best: RegionName | null = null;
  let bestCount = 0;
  for (const [name, prefixes] of Object.entries(CONTINENT_PREFIX)) {
    const count = zones.filter((z) => prefixes.some((p) => z.startsWith(p))).length;
    if (count > bestCount) {
      best = name as RegionName;
      bestCount = count;
    }
  }
  continents.set(code, best);
  return best;
}
