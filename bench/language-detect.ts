/**
 * Language detection candidates, limited to the buyers' trade languages as trademail limits
 * them: ELD (extra-small database), the same cut down to those languages (what trademail runs,
 * src/understand/extract/language-model.ts), tinyld and franc-min. Accuracy on labelled inquiries (the unit samples, and the fixture mails whose
 * expected output names a language), speed and agreement on the corpus texts
 * (../shared/corpora), all on the same samples the product takes (400 characters, URLs,
 * addresses and numbers removed).
 *
 *   node --import tsx bench/language-detect.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eld } from 'eld/extrasmall';
import { franc } from 'franc-min';
import { simpleParser } from 'mailparser';
import { detect as tinyld } from 'tinyld';
import { languageSample as sample } from '../src/understand/extract/language.ts';
import { TRADE_LANGUAGES, tradeLanguageDetector } from '../src/understand/extract/language-model.ts';
import { fixtureMails } from '../tests/fixtures/mails/list.ts';
import { locateCorpus } from '../tests/helpers/corpus.ts';
import { LANGUAGE_SAMPLES } from '../tests/unit/understand/language.samples.ts';

// franc speaks ISO 639-3; the same languages in its codes.
const ISO3: Record<string, string> = {
  eng: 'en',
  deu: 'de',
  spa: 'es',
  fra: 'fr',
  por: 'pt',
  rus: 'ru',
  cmn: 'zh',
  arb: 'ar',
  tur: 'tr',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  jpn: 'ja',
  kor: 'ko',
  vie: 'vi',
  ind: 'id',
  ukr: 'uk',
  tha: 'th',
  pes: 'fa',
  heb: 'he',
  hin: 'hi',
};
eld.setLanguageSubset([...TRADE_LANGUAGES]);
const candidates: [string, (text: string) => string][] = [
  ['eld (extrasmall)', (t) => eld.detect(t).language],
  ['eld (its trade cut, as trademail runs it)', (t) => tradeLanguageDetector().detect(t).language],
  ['tinyld', (t) => tinyld(t, { only: [...TRADE_LANGUAGES] })],
  ['franc-min', (t) => ISO3[franc(t, { only: Object.keys(ISO3) })] ?? ''],
];

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => join(dir, f));
const textOf = async (file: string) => (await simpleParser(readFileSync(file))).text ?? '';

const labelled: [string, string][] = LANGUAGE_SAMPLES.map(([lang, text]) => [lang, sample(text)]);
for (const mail of fixtureMails()) {
  const expected = readFileSync(mail.json, 'utf8').match(/"language": "([a-z]{2})"/);
  if (expected) labelled.push([expected[1]!, sample(await textOf(mail.eml))]);
}

const corpus = locateCorpus('');
const texts: string[] = [];
if (corpus.exists) {
  for (const file of files(corpus.dir).filter((f) => /\.(eml|txt)$/i.test(f))) {
    const text = await textOf(file).catch(() => '');
    if ((text.match(/\p{L}/gu)?.length ?? 0) >= 12) texts.push(sample(text));
  }
} else console.log('corpora not found: speed and agreement measured on the labelled samples only');
const timed = texts.length > 0 ? texts : labelled.map(([, t]) => t);

const answers = new Map<string, string[]>();
for (const [name, detect] of candidates) {
  const right = labelled.filter(([lang, text]) => detect(text) === lang).length;
  for (const t of timed.slice(0, 100)) detect(t); // warm up
  const cpu = process.cpuUsage();
  answers.set(name, timed.map(detect));
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000 / timed.length;
  console.log(
    `${name.padEnd(42)} labelled ${right}/${labelled.length}, ${ms.toFixed(3)} ms per text (${timed.length} texts)`,
  );
}
const agreement = (a: string, b: string) => {
  const [first, second] = [answers.get(a)!, answers.get(b)!];
  const agree = first.filter((x, i) => x === second[i]).length;
  return `${agree}/${timed.length} (${((100 * agree) / timed.length).toFixed(1)}%)`;
};
console.log(`eld and tinyld agree on ${agreement('eld (extrasmall)', 'tinyld')}`);
console.log(
  `eld and its trade cut agree on ${agreement('eld (extrasmall)', 'eld (its trade cut, as trademail runs it)')}`,
);
