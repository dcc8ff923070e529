/**
 * Text helpers shared by the extractors: normalisation, quote stripping, Unicode-aware word
 * boundaries and locale-tolerant number parsing.
 */
import { toLf } from '../../mail/line-breaks.ts';

/** Unicode word boundaries: JS `\b` only knows ASCII, so "Größe" or "peças" would split. */
export const WB_START = '(?<![\\p{L}\\p{N}_])';
export const WB_END = '(?![\\p{L}\\p{N}_])';

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * NFKC folds full-width digits and punctuation ("５０００個", "："), common in mail typed with a
 * Chinese input method, into their ASCII forms so one set of patterns covers both.
 */
export function normalizeText(text: string): string {
  return toLf(text.normalize('NFKC'))
    .replace(/\u00a0/g, ' ')
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}

/** Lines that start the quoted part of a reply or forward; everything after is someone else's text. */
const QUOTE_HEADER_RES: RegExp[] = [
  /^-{2,}\s*(?:original message|forwarded message|mensagem original|mensaje original|message d'origine|ursprüngliche nachricht|messaggio originale|исходное сообщение|原始邮件|转发邮件)\s*-{2,}/i,
  /^begin forwarded message:?\s*$/i,
  /^_{10,}\s*$/,
  /^on .{4,200} wrote:\s*$/i,
  /^(?:le|am|el|em|il|op) .{4,200}(?:a écrit|schrieb|escribió|escreveu|ha scritto|schreef)\s*:\s*$/i,
  /^在.{4,200}写道[:：]\s*$/,
];
const HEADER_BLOCK_RE = /^(?:from|发件人|von|de|от)\s*:/i;
const HEADER_FOLLOW_RE =
  /^(?:sent|date|to|subject|发送时间|收件人|主题|gesendet|an|betreff|enviado|para|asunto|отправлено|кому|тема)\s*:/i;

/** Drops reply quotes (`>` lines) and everything from the first quote header on. */
export function stripQuoted(body: string): string {
  const lines = body.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const t = line.trim();
    if (QUOTE_HEADER_RES.some((re) => re.test(t))) break;
    if (HEADER_BLOCK_RE.test(t)) {
      const next = lines.slice(i + 1, i + 4).map((l) => l.trim());
      if (next.some((l) => HEADER_FOLLOW_RE.test(l))) break;
    }
    if (t.startsWith('>')) continue;
    out.push(line);
  }
  return out.join('\n');
}

/**
 * Parses "5,000", "5.000", "5 000", "1,5", "2.50", "10k". `integerLike` says the unit is
 * countable (pieces, sets...), where "5.000" is German/Spanish for five thousand; for prices and
 * weights a lone dot is a decimal point.
 */
export function parseLocaleNumber(raw: string, integerLike: boolean): number | null {
  let s = raw.trim().replace(/[\s\u2009\u202f']/g, '');
  let factor = 1;
  if (/[kK]$/.test(s)) {
    factor = 1000;
    s = s.slice(0, -1);
  }
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let normalized: string;
  if (lastComma >= 0 && lastDot >= 0) {
    const decimal = lastComma > lastDot ? ',' : '.';
    const thousands = decimal === ',' ? '.' : ',';
    normalized = s.split(thousands).join('').replace(decimal, '.');
  } else if (lastComma >= 0) {
    normalized = /^\d{1,3}(?:,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (lastDot >= 0) {
    const grouped = /^\d{1,3}(?:\.\d{3})+$/.test(s);
    const multiDot = s.indexOf('.') !== lastDot;
    normalized = grouped && (integerLike || multiDot) ? s.replace(/\./g, '') : s;
  } else {
    normalized = s;
  }
  if (!/^\d+(?:\.\d+)?$/.test(normalized)) return null;
  const n = Number(normalized) * factor;
  return Number.isFinite(n) ? Math.round(n * 1e6) / 1e6 : null;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

export function numberWord(word: string): number | null {
  return NUMBER_WORDS[word.toLowerCase()] ?? null;
}

/** Collapses whitespace and trims punctuation from both ends of a captured phrase. */
export function cleanPhrase(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,.:;\-–—"'“”()]+|[\s,.:;\-–—"'“”()]+$/g, '')
    .trim();
}
