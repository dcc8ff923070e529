/**
 * Calendar dates written in running text, in the languages responders use: "5 December",
 * "December 5th", "5. Dezember", "5.12.", "le 5 décembre", "5 de diciembre", "5 de
 * dezembro", "5 декабря", "12月5日", "2026-12-05", "05/12/2026". A date without a year
 * is the next occurrence on or after the reference date (the mail's Date).
 */
import { matchesOf } from '../matches.ts';

/** Month names and abbreviations, lowercased. English words that double as
 * abbreviations elsewhere ("out", "set", "ago") are left out. */
const MONTHS: Record<string, number> = {};
const NAMES: Array<[number, string[]]> = [
  [
    1,
    [
      'january',
      'jan',
      'januar',
      'jänner',
      'janvier',
      'janv',
      'enero',
      'ene',
      'janeiro',
      'января',
      'январь',
      'янв',
    ],
  ],
  [
    2,
    [
      'february',
      'feb',
      'februar',
      'février',
      'fevrier',
      'févr',
      'febrero',
      'fevereiro',
      'fev',
      'февраля',
      'февраль',
      'фев',
    ],
  ],
  [3, ['march', 'mar', 'märz', 'maerz', 'mrz', 'mars', 'marzo', 'março', 'marco', 'марта', 'март', 'мар']],
  [4, ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'апреля', 'апрель', 'апр']],
  [5, ['may', 'mai', 'mayo', 'maio', 'мая', 'май']],
  [6, ['june', 'jun', 'juni', 'juin', 'junio', 'junho', 'июня', 'июнь', 'июн']],
  [7, ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'julho', 'июля', 'июль', 'июл']],
  [8, ['august', 'aug', 'août', 'aout', 'agosto', 'августа', 'август', 'авг']],
  [
    9,
    [
      'september',
      'sep',
      'sept',
      'septembre',
      'septiembre',
      'setiembre',
      'setembro',
      'сентября',
      'сентябрь',
      'сен',
      'сент',
    ],
  ],
  [10, ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'outubro', 'октября', 'октябрь', 'окт']],
  [11, ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'ноября', 'ноябрь', 'ноя']],
  [
    12,
    [
      'december',
      'dec',
      'dezember',
      'dez',
      'décembre',
      'decembre',
      'déc',
      'diciembre',
      'dic',
      'dezembro',
      'декабря',
      'декабрь',
      'дек',
    ],
  ],
];
for (const [month, names] of NAMES) for (const name of names) MONTHS[name] = month;

const MONTH_NAME = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** Letters on either side of a match: JS \b only knows ASCII words. */
const NOT_LETTER_BEFORE = String.raw`(?<![\p{L}\d])`;
const NOT_LETTER_AFTER = String.raw`(?![\p{L}])`;

export interface FoundDate {
  /** Position of the match in the text. */
  index: number;
  end: number;
  /** YYYY-MM-DD */
  iso: string;
}

interface Parts {
  index: number;
  end: number;
  day: number;
  month: number;
  year: number | null;
}

const DAY_SUFFIX = String.raw`(?:st|nd|rd|th|er|e|º|°|\.)?`;

/** Each pattern yields day, month, year groups (named). */
const PATTERNS: RegExp[] = [
  // 2026-12-05, 2026/12/05, 2026.12.05, 2026年12月5日
  /(?<![\d.])(?<year>20\d{2})\s*[-/.年]\s*(?<month>\d{1,2})\s*[-/.月]\s*(?<day>\d{1,2})(?:日|号)?(?![\d])/gu,
  // 12月5日, 12月5号
  /(?<![\d年])(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*(?:日|号)/gu,
  // 5 December, 5th Dec 2026, 5. Dezember, 5 de diciembre de 2026, 1er décembre, 10-31 July
  new RegExp(
    String.raw`${NOT_LETTER_BEFORE}(?<day>\d{1,2})${DAY_SUFFIX}\s*(?:de\s+)?(?<monthName>${MONTH_NAME})\.?${NOT_LETTER_AFTER}(?:,?\s*(?:de\s+)?(?<year>20\d{2}))?`,
    'giu',
  ),
  // December 5, Dec. 5th 2026, July 10-31 (the range end is taken)
  new RegExp(
    String.raw`${NOT_LETTER_BEFORE}(?<monthName>${MONTH_NAME})\.?\s+(?:(?:\d{1,2})${DAY_SUFFIX}\s*[-–]\s*)?(?<day>\d{1,2})(?:st|nd|rd|th)?(?![\d:])(?:,?\s*(?<year>20\d{2}))?`,
    'giu',
  ),
];

/** Day-first numeric dates: 5.12., 5.12.2026, 05/12/2026, 5/12 (month/day read too). */
// (?<!\w) and (?!\w) stand for \b, slow under the iu flags (word-boundary-patterns.test.ts).
const NUMERIC =
  /(?<![\d.:/])(?<first>\d{1,2})(?<sep>[./])(?<second>\d{1,2})(?:\k<sep>(?<year>\d{4}|\d{2}))?(?<dot>\.)?(?![\d:]|\.\d|\s*(?:uhr|h(?!\w)|am(?!\w)|pm(?!\w)|%))/giu;

function valid(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date on or after `reference` for a day and month given without a year. */
function resolveYear(month: number, day: number, reference: Date): number | null {
  const refYear = reference.getUTCFullYear();
  const refDay = iso(refYear, reference.getUTCMonth() + 1, reference.getUTCDate());
  for (const year of [refYear, refYear + 1]) {
    if (valid(year, month, day) && iso(year, month, day) >= refDay) return year;
  }
  return null;
}

function toIso(p: Parts, reference: Date | null): string | null {
  const year = p.year ?? (reference ? resolveYear(p.month, p.day, reference) : null);
  if (year === null || !valid(year, p.month, p.day)) return null;
  return iso(year, p.month, p.day);
}

function fullYear(raw: string | undefined): number | null {
  if (!raw) return null;
  const n = Number(raw);
  return raw.length === 2 ? 2000 + n : n;
}

/** Numeric dates are ambiguous: "05/07" is 5 July or May 7. Prefer the reading on or
 * after the mail date and nearest to it; dots mean day first (European usage). */
function numericCandidates(m: RegExpMatchArray, reference: Date | null): string | null {
  const g = m.groups!;
  const a = Number(g['first']);
  const b = Number(g['second']);
  const year = fullYear(g['year']);
  if (g['sep'] === '.' && !g['year'] && !g['dot']) return null;
  const readings: Parts[] = [{ index: 0, end: 0, day: a, month: b, year }];
  if (g['sep'] === '/') readings.push({ index: 0, end: 0, day: b, month: a, year });
  const dates = readings.map((p) => toIso(p, reference)).filter((d): d is string => d !== null);
  if (dates.length <= 1 || !reference) return dates[0] ?? null;
  const ref = reference.toISOString().slice(0, 10);
  const ahead = dates.filter((d) => d >= ref).sort();
  return ahead[0] ?? dates[0]!;
}

/** Every date in `text`, in order of position, overlapping matches removed. */
export function findDates(text: string, reference: Date | null): FoundDate[] {
  const found: FoundDate[] = [];
  for (const pattern of PATTERNS) {
    for (const m of matchesOf(pattern, text)) {
      const g = m.groups!;
      const month = g['monthName'] ? MONTHS[g['monthName'].toLowerCase()] : Number(g['month']);
      if (!month) continue;
      const parts = {
        index: m.index!,
        end: m.index! + m[0].length,
        day: Number(g['day']),
        month,
        year: fullYear(g['year']),
      };
      const date = toIso(parts, reference);
      if (date) found.push({ index: parts.index, end: parts.end, iso: date });
    }
  }
  for (const m of matchesOf(NUMERIC, text)) {
    const date = numericCandidates(m, reference);
    if (date) found.push({ index: m.index!, end: m.index! + m[0].length, iso: date });
  }
  found.sort((x, y) => x.index - y.index || y.end - x.end);
  const out: FoundDate[] = [];
  for (const d of found) {
    const last = out[out.length - 1];
    if (last && d.index < last.end) continue;
    out.push(d);
  }
  return out;
}
