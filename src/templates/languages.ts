import { TrademailError } from '../errors.ts';

/** The language every template must have, used when nothing better matches. */
export const DEFAULT_LANGUAGE = 'en';

/** ISO 639-2/3 codes (as franc reports them) for the languages our buyers write in. */
const THREE_LETTER: Readonly<Record<string, string>> = {
  ara: 'ar',
  ces: 'cs',
  chi: 'zh',
  cmn: 'zh',
  dan: 'da',
  deu: 'de',
  ell: 'el',
  eng: 'en',
  fin: 'fi',
  fra: 'fr',
  fre: 'fr',
  ger: 'de',
  heb: 'he',
  hin: 'hi',
  hun: 'hu',
  ind: 'id',
  ita: 'it',
  jpn: 'ja',
  kor: 'ko',
  msa: 'ms',
  nld: 'nl',
  nor: 'no',
  pes: 'fa',
  pol: 'pl',
  por: 'pt',
  ron: 'ro',
  rus: 'ru',
  spa: 'es',
  swe: 'sv',
  tha: 'th',
  tur: 'tr',
  ukr: 'uk',
  vie: 'vi',
  yue: 'zh',
  zho: 'zh',
};

/** The language a buyer in a country most likely reads business mail in (ISO 3166 -> ISO 639-1). */
export const COUNTRY_LANGUAGES: Readonly<Record<string, string>> = {
  // Spanish
  AR: 'es',
  BO: 'es',
  CL: 'es',
  CO: 'es',
  CR: 'es',
  CU: 'es',
  DO: 'es',
  EC: 'es',
  ES: 'es',
  GQ: 'es',
  GT: 'es',
  HN: 'es',
  MX: 'es',
  NI: 'es',
  PA: 'es',
  PE: 'es',
  PR: 'es',
  PY: 'es',
  SV: 'es',
  UY: 'es',
  VE: 'es',
  // Portuguese
  AO: 'pt',
  BR: 'pt',
  CV: 'pt',
  GW: 'pt',
  MZ: 'pt',
  PT: 'pt',
  ST: 'pt',
  TL: 'pt',
  // German
  AT: 'de',
  CH: 'de',
  DE: 'de',
  LI: 'de',
  // French
  BE: 'fr',
  BF: 'fr',
  BJ: 'fr',
  CD: 'fr',
  CG: 'fr',
  CI: 'fr',
  CM: 'fr',
  DJ: 'fr',
  FR: 'fr',
  GA: 'fr',
  GN: 'fr',
  HT: 'fr',
  LU: 'fr',
  MC: 'fr',
  MG: 'fr',
  ML: 'fr',
  NE: 'fr',
  SN: 'fr',
  TD: 'fr',
  TG: 'fr',
  // Russian
  BY: 'ru',
  KG: 'ru',
  KZ: 'ru',
  RU: 'ru',
  // Chinese
  CN: 'zh',
  HK: 'zh',
  MO: 'zh',
  TW: 'zh',
  // Arabic
  AE: 'ar',
  BH: 'ar',
  DZ: 'ar',
  EG: 'ar',
  IQ: 'ar',
  JO: 'ar',
  KW: 'ar',
  LB: 'ar',
  LY: 'ar',
  MA: 'ar',
  OM: 'ar',
  PS: 'ar',
  QA: 'ar',
  SA: 'ar',
  SD: 'ar',
  SY: 'ar',
  TN: 'ar',
  YE: 'ar',
  // one language each
  CZ: 'cs',
  DK: 'da',
  FI: 'fi',
  GR: 'el',
  HU: 'hu',
  ID: 'id',
  IL: 'he',
  IR: 'fa',
  IT: 'it',
  JP: 'ja',
  KR: 'ko',
  NL: 'nl',
  NO: 'no',
  PL: 'pl',
  RO: 'ro',
  SE: 'sv',
  SM: 'it',
  TH: 'th',
  TR: 'tr',
  UA: 'uk',
  VN: 'vi',
};

/**
 * A two-letter lower-case language code from whatever the caller has: 'pt-BR' -> 'pt',
 * 'zh_Hans' -> 'zh', 'ES' -> 'es', 'spa' -> 'es'. Null when it does not look like a language.
 */
export function normaliseLanguage(code: string | null | undefined): string | null {
  if (code === null || code === undefined) return null;
  const primary = code.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (/^[a-z]{2}$/.test(primary)) return primary;
  if (/^[a-z]{3}$/.test(primary)) return THREE_LETTER[primary] ?? null;
  return null;
}

/**
 * The template language for a lead: its own language when a variant exists, else its country's
 * language, else English, else the first available (sorted, for determinism).
 */
export function selectLanguage(
  lead: { language: string | null; country: string | null },
  available: readonly string[],
): string {
  if (available.length === 0) {
    throw new TrademailError('NOT_FOUND', 'no template language variants to choose from');
  }
  const have = new Set(available.map((a) => normaliseLanguage(a) ?? a));
  const own = normaliseLanguage(lead.language);
  if (own !== null && have.has(own)) return own;
  const country = lead.country === null ? undefined : COUNTRY_LANGUAGES[lead.country.trim().toUpperCase()];
  if (country !== undefined && have.has(country)) return country;
  if (have.has(DEFAULT_LANGUAGE)) return DEFAULT_LANGUAGE;
  return [...have].sort()[0]!;
}

/** Locales used for dates and lists; English defaults to British forms ("5 March 2025", "A, B and C"). */
const DEFAULT_LOCALES: Readonly<Record<string, string>> = {
  de: 'de-DE',
  en: 'en-GB',
  es: 'es-ES',
  fr: 'fr-FR',
  pt: 'pt-BR',
  ru: 'ru-RU',
  zh: 'zh-CN',
};

/** Where the country's own regional forms differ from the language default. */
const REGIONAL: ReadonlySet<string> = new Set([
  'en-US',
  'en-CA',
  'en-AU',
  'en-IN',
  'es-MX',
  'es-AR',
  'es-CO',
  'es-CL',
  'es-US',
  'pt-PT',
  'fr-CA',
  'fr-CH',
  'fr-BE',
  'de-AT',
  'de-CH',
  'zh-TW',
  'zh-HK',
]);

/** The Intl locale for a language and (optionally) the buyer's country. */
export function localeFor(lang: string, country: string | null): string {
  const regional = country === null ? null : `${lang}-${country.trim().toUpperCase()}`;
  if (regional !== null && REGIONAL.has(regional)) return regional;
  return DEFAULT_LOCALES[lang] ?? lang;
}
