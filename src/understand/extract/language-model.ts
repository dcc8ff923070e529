/**
 * The language detector: ELD with its n-gram database cut down to the trade languages
 * (scripts/trade-ngrams.mjs, which says why). `npm ci` and `npm run build` write the cut to
 * generated/. When it is missing, or was cut for another list of languages, the first
 * detection has it cut again in a child process, so the full database never loads here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRADE_NGRAMS_FILE, type TradeNgrams } from '../../../scripts/trade-ngrams.mjs';
import { TrademailError } from '../../errors.ts';
import { REPO_ROOT } from '../../paths.ts';
import tradeLanguages from './trade-languages.json' with { type: 'json' };

export interface LanguageDetector {
  detect(text: string): { language: string; getScores(): Record<string, number> };
}

/** Languages our users' buyers write in; anything else is reported as null, not guessed. */
export const TRADE_LANGUAGES: readonly string[] = tradeLanguages;

function readCut(): TradeNgrams | undefined {
  try {
    const cut = JSON.parse(readFileSync(join(REPO_ROOT, TRADE_NGRAMS_FILE), 'utf8')) as TradeNgrams;
    return cut.cutFor.join() === TRADE_LANGUAGES.join() ? cut : undefined;
  } catch {
    return undefined;
  }
}

function cutAgain(): TradeNgrams {
  const script = join(REPO_ROOT, 'scripts', 'write-trade-ngrams.mjs');
  let cause: unknown;
  try {
    execFileSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    cause = err; // a read-only installation, say: the error below says what to run
  }
  const cut = readCut();
  if (!cut) {
    throw new TrademailError(
      'INSTALL_INCOMPLETE',
      `${TRADE_NGRAMS_FILE} is missing and could not be written: run \`npm run build\` in ${REPO_ROOT} as the user who installed trademail`,
      { cause },
    );
  }
  return cut;
}

interface Eld extends LanguageDetector {
  setLanguageSubset(languages: readonly string[]): unknown;
}
type CreateEld = () => { instance: Eld; loadData(data: TradeNgrams): string };

function load(): LanguageDetector {
  // ELD's public entries come with their own database loaded; its factory, in the file beside
  // them, takes ours. It is an ES module without top-level await, which require() loads
  // synchronously (Node >= 20.19). The version is pinned in package.json.
  const factory = fileURLToPath(new URL('../languageDetector.js', import.meta.resolve('eld/extrasmall')));
  const { createEld } = createRequire(import.meta.url)(factory) as { createEld: CreateEld };
  const { instance, loadData } = createEld();
  loadData(readCut() ?? cutAgain());
  // The cut still lists all of ELD's languages; the subset keeps every answer among ours.
  instance.setLanguageSubset(TRADE_LANGUAGES);
  return instance;
}

let detector: LanguageDetector | undefined;

/** The process's detector, loaded at the first detection. */
export function tradeLanguageDetector(): LanguageDetector {
  detector ??= load();
  return detector;
}
