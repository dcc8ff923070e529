// ELD's extra-small n-gram database cut down to the languages trademail detects
// (src/understand/extract/trade-languages.json), for src/understand/extract/language-model.ts.
//
// Why: ELD's packaged database is a 1 MB JavaScript object literal for 60 languages. Loaded
// through the package's entry it costs about 28 MB of heap and 49 MB of resident memory in
// every trademail process. Only the n-grams of our 20 languages can change an answer once
// ELD is limited to them, which is 48% of the n-grams and 40% of the scores. Read as JSON,
// the cut costs about 7.5 MB of heap and 11 MB resident (bench/memory-floor.ts).
//
// The cut keeps every score of the kept languages and the whole language table, so ELD scores
// each kept language exactly as with the full database; tests/unit/understand/language-model
// checks the answers match. Plain JavaScript because npm's postinstall runs it (through
// scripts/build.mjs) before any TypeScript loader; when the file is missing or was cut for
// other languages, the detector runs write-trade-ngrams.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeWhole } from './write-whole.mjs';

/** Where the cut lies under the repository root. */
export const TRADE_NGRAMS_FILE = join('generated', 'language', 'trade-ngrams.json');

/** The cut database: ELD's ngramsData shape, plus the languages it was cut for. */
export async function cutTradeNgrams(languages) {
  // ELD exports only its prebuilt instances; the database itself sits beside the entry file.
  const entry = import.meta.resolve('eld/extrasmall');
  const { ngramsData } = await import(new URL('../ngrams/extrasmall.js', entry).href);
  const keep = new Set(
    Object.entries(ngramsData.languages)
      .filter(([, code]) => languages.includes(code))
      .map(([id]) => id),
  );
  const ngrams = {};
  for (const [ngram, scores] of Object.entries(ngramsData.ngrams)) {
    const kept = Object.entries(scores).filter(([id]) => keep.has(id));
    if (kept.length > 0) ngrams[ngram] = Object.fromEntries(kept);
  }
  return { type: ngramsData.type, languages: ngramsData.languages, cutFor: [...languages], ngrams };
}

/** Writes the cut under `root` (whole, see write-whole.mjs). */
export async function writeTradeNgrams(root) {
  const languages = JSON.parse(
    readFileSync(join(root, 'src', 'understand', 'extract', 'trade-languages.json'), 'utf8'),
  );
  writeWhole(join(root, TRADE_NGRAMS_FILE), JSON.stringify(await cutTradeNgrams(languages)));
}
