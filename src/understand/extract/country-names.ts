/**
 * Country and trade-city names to ISO 3166-1 alpha-2. English names come from
 * countries-and-timezones; country-data.ts adds the spellings buyers actually write (short
 * forms, native names, Chinese names) and the cities that stand for a country in signatures.
 */
import { getAllCountries, getCountry } from 'countries-and-timezones';
import { matchesOf } from '../matches.ts';
import { COUNTRY_ALIASES, TRADE_CITIES } from './country-data.ts';

const NAME_TO_CODE = new Map<string, string>();
for (const c of Object.values(getAllCountries())) NAME_TO_CODE.set(c.name.toLowerCase(), c.id);
for (const [name, code] of Object.entries(COUNTRY_ALIASES)) NAME_TO_CODE.set(name, code);
const CITY_TO_CODE = new Map(Object.entries(TRADE_CITIES));

/** Upper-case short forms that are also English words in lower case ("us", "uk"...). */
const CASE_SENSITIVE_SHORT = ['US', 'USA', 'UK', 'UAE', 'KSA', 'DRC', 'U.S.', 'U.S.A.', 'U.K.', 'U.A.E.'];

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && getCountry(code) !== null;
}

/** "Germany", "germany", "DE", "Deutschland", "德国" -> "DE"; unknown text -> null. */
export function countryFromName(value: string): string | null {
  const v = value
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/[\s,;.]+$/, '');
  if (/^[A-Za-z]{2}$/.test(v) && isCountryCode(v.toUpperCase())) return v.toUpperCase();
  const key = v.toLowerCase();
  return NAME_TO_CODE.get(key) ?? NAME_TO_CODE.get(`${key}.`) ?? null;
}

/** Like countryFromName, also accepting a trade city ("Dubai") or "City, Country". */
export function countryFromPlace(value: string): string | null {
  const direct = countryFromName(value) ?? countryFromCity(value);
  if (direct) return direct;
  const parts = value.split(/[,/]/).map((p) => p.trim());
  for (let i = parts.length - 1; i >= 0; i--) {
    const code = countryFromName(parts[i]!) ?? countryFromCity(parts[i]!);
    if (code) return code;
  }
  return null;
}

export function countryFromCity(value: string): string | null {
  return CITY_TO_CODE.get(value.trim().toLowerCase()) ?? null;
}

export interface PlaceMention {
  index: number;
  text: string;
  country: string;
  kind: 'country' | 'city';
}

const HAN_RE = /[\u4e00-\u9fff]/;
const HAN_PLACE_RE = new RegExp(
  [...NAME_TO_CODE.keys(), ...CITY_TO_CODE.keys()]
    .filter((k) => HAN_RE.test(k))
    .sort((a, b) => b.length - a.length)
    .join('|'),
  'gu',
);
const SHORT_LOWER = new Set(CASE_SENSITIVE_SHORT.map((s) => s.toLowerCase()));
const LATIN_KEYS = [...NAME_TO_CODE.keys(), ...CITY_TO_CODE.keys()].filter((k) => !HAN_RE.test(k));
/** First words of all names: most capitalised words ("We", "Please") are ruled out at once. */
const FIRST_WORDS = new Set(LATIN_KEYS.map((k) => k.split(' ')[0]!));
const MAX_NAME_WORDS = Math.max(...LATIN_KEYS.map((k) => k.split(' ').length));
/** Where a capitalised word starts; names are looked up from there, longest first. */
const CAPITAL_START_RE = /(?<![\p{L}\p{N}_.'’-])\p{Lu}[\p{L}\p{N}.'’-]*/gu;
const TOKEN_RE = /[ \t]+([\p{L}\p{N}.'’-]+)/uy;

function lookup(key: string): { country: string; kind: 'country' | 'city' } | null {
  const country = NAME_TO_CODE.get(key);
  if (country) return { country, kind: 'country' };
  const city = CITY_TO_CODE.get(key);
  return city ? { country: city, kind: 'city' } : null;
}

/**
 * Every country or trade-city name in `text`. Latin names must be capitalised as names are
 * ("china" is porcelain, "turkey" a bird), and the short forms US/UK/UAE must be upper case.
 * A map lookup from each capitalised word is several times faster than one regex alternation of
 * 600 names.
 */
export function findPlaces(text: string): PlaceMention[] {
  const out: PlaceMention[] = [];
  let skipUntil = 0;
  for (const first of matchesOf(CAPITAL_START_RE, text)) {
    const at = first.index;
    const firstKey = first[0].toLowerCase();
    if (at < skipUntil || !(FIRST_WORDS.has(firstKey) || FIRST_WORDS.has(firstKey.replace(/[.'’-]+$/, '')))) {
      continue;
    }
    // Token ends, walking single-space-separated words on the same line.
    const ends = [at + first[0].length];
    TOKEN_RE.lastIndex = ends[0]!;
    while (ends.length < MAX_NAME_WORDS) {
      const t = TOKEN_RE.exec(text);
      if (!t) break;
      ends.push(TOKEN_RE.lastIndex);
    }
    for (let k = ends.length; k >= 1; k--) {
      const raw = text.slice(at, ends[k - 1]);
      const key = raw.toLowerCase().replace(/[ \t]+/g, ' ');
      const exact = lookup(key);
      const trimmedKey = key.replace(/[.'’-]+$/, '');
      const hit = exact ?? lookup(trimmedKey);
      if (!hit) continue;
      const name = exact ? raw : raw.slice(0, trimmedKey.length);
      if (SHORT_LOWER.has(name.toLowerCase()) && name !== name.toUpperCase()) break;
      out.push({ index: at, text: name, ...hit });
      skipUntil = at + name.length;
      break;
    }
  }
  for (const m of matchesOf(HAN_PLACE_RE, text)) {
    const hit = lookup(m[0]);
    if (hit) out.push({ index: m.index, text: m[0], ...hit });
  }
  return out.sort((a, b) => a.index - b.index);
}
