import type { Weekday } from '../../time/local-time.ts';

const SAT_SUN: readonly Weekday[] = ['sat', 'sun'];
const FRI_SAT: readonly Weekday[] = ['fri', 'sat'];

/**
 * Countries whose weekend is not Saturday-Sunday. Most of the Gulf and the Levant rest on
 * Friday-Saturday; the UAE moved to Saturday-Sunday in 2022 and is therefore not listed.
 */
const WEEKENDS: Readonly<Record<string, readonly Weekday[]>> = {
  BD: FRI_SAT,
  BH: FRI_SAT,
  DZ: FRI_SAT,
  EG: FRI_SAT,
  IL: FRI_SAT,
  IQ: FRI_SAT,
  JO: FRI_SAT,
  KW: FRI_SAT,
  LY: FRI_SAT,
  MV: FRI_SAT,
  OM: FRI_SAT,
  QA: FRI_SAT,
  SA: FRI_SAT,
  SD: FRI_SAT,
  SY: FRI_SAT,
  YE: FRI_SAT,
};

/** The days a buyer's office is normally closed, by country; Saturday-Sunday when unknown. */
export function localWeekend(country: string | null): readonly Weekday[] {
  if (country === null) return SAT_SUN;
  return WEEKENDS[country.toUpperCase()] ?? SAT_SUN;
}
