import ct from 'countries-and-timezones';
import { isValidTimeZone } from '../../time/local-time.ts';

/** Where a buyer is, as far as we know: either may be missing. */
export interface BuyerLocation {
  /** ISO 3166-1 alpha-2, e.g. 'DE' */
  country: string | null;
  /** IANA zone, e.g. 'America/Chicago' */
  timeZone: string | null;
}

/** The zone used when neither the lead's zone nor its country is known. */
export const FALLBACK_TIME_ZONE = 'UTC';

/**
 * The business-centre zone of countries that span several zones. countries-and-timezones lists a
 * country's zones alphabetically (the US starts with America/Adak), so for these we name the zone
 * where most of the country's buyers sit.
 */
const PRIMARY_ZONES: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  AU: 'Australia/Sydney',
  BR: 'America/Sao_Paulo',
  CA: 'America/Toronto',
  CD: 'Africa/Kinshasa',
  CL: 'America/Santiago',
  CN: 'Asia/Shanghai',
  CY: 'Asia/Nicosia',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  FM: 'Pacific/Pohnpei',
  GL: 'America/Nuuk',
  ID: 'Asia/Jakarta',
  KI: 'Pacific/Tarawa',
  KZ: 'Asia/Almaty',
  MH: 'Pacific/Majuro',
  MN: 'Asia/Ulaanbaatar',
  MX: 'America/Mexico_City',
  MY: 'Asia/Kuala_Lumpur',
  NL: 'Europe/Amsterdam',
  NZ: 'Pacific/Auckland',
  PF: 'Pacific/Tahiti',
  PG: 'Pacific/Port_Moresby',
  PT: 'Europe/Lisbon',
  RU: 'Europe/Moscow',
  SE: 'Europe/Stockholm',
  UA: 'Europe/Kyiv',
  US: 'America/New_York',
  UZ: 'Asia/Tashkent',
  VN: 'Asia/Ho_Chi_Minh',
};

/** The main zone of a country, or null for an unknown code. */
export function primaryTimeZone(country: string): string | null {
  const code = country.trim().toUpperCase();
  const pinned = PRIMARY_ZONES[code];
  if (pinned !== undefined) return pinned;
  const zones = ct.getCountry(code)?.timezones ?? [];
  if (zones.length === 0) return null;
  // Prefer a zone that belongs to this country first (Asia/Bangkok is listed for VN as a link).
  const own = zones.find((z) => ct.getTimezone(z)?.countries[0] === code);
  return own ?? zones[0]!;
}

/**
 * The zone to plan a buyer's mail in: the lead's own zone when it is a real IANA name, else the
 * primary zone of its country, else UTC.
 */
export function resolveTimeZone(buyer: BuyerLocation): string {
  if (buyer.timeZone !== null && isValidTimeZone(buyer.timeZone)) return buyer.timeZone;
  if (buyer.country !== null) {
    const zone = primaryTimeZone(buyer.country);
    if (zone !== null) return zone;
  }
  return FALLBACK_TIME_ZONE;
}
