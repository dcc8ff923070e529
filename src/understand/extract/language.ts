/**
 * Language of an inquiry (ISO 639-1), so replies and holiday greetings can use it.
 *
 * ELD (Nito-ELD, its extra-small n-gram database) replaced tinyld after measuring the
 * candidates, limited to the trade languages (trade-languages.json), with
 * bench/language-detect.ts: on the labelled inquiries (the unit samples and the fixture mails
 * with an expected language) ELD got 58 of 59, tinyld 57 and franc-min 58; on 1,284 corpus texts
 * ELD took 0.11 ms a text, franc-min 0.24 ms and tinyld 0.98 ms. Where ELD and tinyld disagreed,
 * ELD was the one that read English bounce notices as English. At about 1 ms, detection had been
 * the largest single cost of understanding a mail not seen before. Restricting the candidates
 * matters: short business mail otherwise drifts to close relatives.
 */
import { tradeLanguageDetector } from './language-model.ts';

export { TRADE_LANGUAGES } from './language-model.ts';

/**
 * The opening 400 characters of a mail decide its language as well as the whole mail does (200
 * were measured too: they disagreed with 400 on 8% of the corpus texts). RAW_CHARS leaves room
 * for the URLs, addresses and numbers removed before sampling.
 */
const SAMPLE_CHARS = 400;
const RAW_CHARS = 1500;
/** Fewer letters than this ("price?") is too little for a statistical guess. */
const MIN_LETTERS = 12;

/** URLs, addresses and numbers say nothing about the language. */
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

/** What the language is judged on: the opening of the text without URLs, addresses and numbers. */
export function languageSample(text: string): string {
  return text.slice(0, RAW_CHARS).replace(NOISE_RE, ' ').replace(/\s+/g, ' ').trim().slice(0, SAMPLE_CHARS);
}

export function detectLanguage(text: string): string | null {
  const sample = languageSample(text);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return null;
  const script = byScript(sample, letters);
  if (script) return script;
  if (letters < MIN_LETTERS) return null;
  return statisticalGuess(sample);
}

function statisticalGuess(sample: string): string | null {
  return tradeLanguageDetector().detect(sample).language || null;
}
