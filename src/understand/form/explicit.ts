/**
 * Buyer fields that a form or a platform notice states outright, normalised to the shapes of
 * BuyerFields (ISO2 country, E.164 phone, bare host name) so they can be passed as `explicit`.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { BuyerFields } from '../extract/index.ts';
import { countryCode } from './country.ts';

export interface StatedBuyer {
  name: string | null;
  company: string | null;
  country: string | null;
  phone: string | null;
  website: string | null;
}

/** E.164 for a phone as typed, using the stated country for numbers without a "+" prefix. */
export function toE164(raw: string | null, country: string | null): string | null {
  if (!raw) return null;
  const phone = parsePhoneNumberFromString(raw, (country ?? undefined) as CountryCode | undefined);
  return phone?.isValid() ? phone.number : null;
}

export function toHost(raw: string | null): string | null {
  if (!raw) return null;
  const host = raw
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/?#\s]/)[0];
  return host && /^[a-z0-9.-]+\.[a-z]{2,}$/.test(host) ? host : null;
}

/** Only the fields actually stated; absent ones stay absent so other sources can fill them. */
export function explicitFields(stated: StatedBuyer): Partial<BuyerFields> {
  const out: Partial<BuyerFields> = {};
  const country = countryCode(stated.country);
  const phone = toE164(stated.phone, country);
  const website = toHost(stated.website);
  if (stated.name) out.name = stated.name;
  if (stated.company) out.company = stated.company;
  if (country) out.country = country;
  if (phone) out.phone = phone;
  if (website) out.website = website;
  return out;
}
