/**
 * Country names as forms and platform notices write them ("United Arab Emirates", "UAE",
 * "阿联酋", "Alemania") to ISO 3166-1 alpha-2. Names come from the runtime's CLDR data
 * (Intl.DisplayNames) in our buyers' languages, plus the short forms people type.
 */
import ct from 'countries-and-timezones';

const LOCALES = [
  'en',
  'zh-Hans',
  'zh-Hant',
  'es',
  'pt',
  'fr',
  'de',
  'ru',
  'ar',
  'tr',
  'it',
  'ja',
  'ko',
  'vi',
  'id',
  'pl',
  'nl',
  'th',
  'fa',
  'ms',
];

const ALIASES: Record<string, string> = {
  usa: 'US',
  'u.s.a.': 'US',
  'u.s.': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'u.k.': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'great britain': 'GB',
  britain: 'GB',
  uae: 'AE',
  'u.a.e.': 'AE',
  emirates: 'AE',
  ksa: 'SA',
  russia: 'RU',
  'russian federation': 'RU',
  korea: 'KR',
  'south korea': 'KR',
  'republic of korea': 'KR',
  vietnam: 'VN',
  'viet nam': 'VN',
  turkey: 'TR',
  türkiye: 'TR',
  turkiye: 'TR',
  holland: 'NL',
  'the netherlands': 'NL',
  'czech republic': 'CZ',
  'ivory coast': 'CI',
  "cote d'ivoire": 'CI',
  iran: 'IR',
  syria: 'SY',
  laos: 'LA',
  'hong kong': 'HK',
  'hong kong sar': 'HK',
  'hong kong sar china': 'HK',
  macau: 'MO',
  taiwan: 'TW',
  'mainland china': 'CN',
  'p.r. china': 'CN',
  prc: 'CN',
  阿联酋: 'AE',
  沙特: 'SA',
  美国: 'US',
  英国: 'GB',
  俄罗斯: 'RU',
  韩国: 'KR',
  越南: 'VN',
  土耳其: 'TR',
  荷兰: 'NL',
};

let table: Map<string, string> | null = null;

function key(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[()]/g, ' ').replace(/\s+/g, ' ').trim();
}

function buildTable(): Map<string, string> {
  const map = new Map<string, string>();
  const codes = Object.keys(ct.getAllCountries());
  for (const locale of LOCALES) {
    const names = new Intl.DisplayNames([locale], { type: 'region' });
    for (const code of codes) {
      const name = names.of(code);
      if (name && name !== code) map.set(key(name), code);
    }
  }
  for (const [alias, code] of Object.entries(ALIASES)) map.set(key(alias), code);
  return map;
}

/** ISO 3166-1 alpha-2 for a country name or code, or null when it is not recognised. */
export function countryCode(raw: string | null | undefined): string | null {
  if (!raw) return null;
  table ??= buildTable();
  const k = key(raw.replace(/[.,;]+$/, ''));
  if (/^[a-z]{2}$/.test(k) && ct.getCountry(k.toUpperCase())) return k.toUpperCase();
  const direct = table.get(k);
  if (direct) return direct;
  // "Germany (DE)", "Dubai, United Arab Emirates", "Lagos / Nigeria": try the parts.
  for (const part of k.split(/\s*[,/|\-–]\s*|\s{2,}/).reverse()) {
    const code = table.get(part.trim());
    if (code) return code;
  }
  return null;
}
