import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eld as fullDatabase } from 'eld/extrasmall';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { cutTradeNgrams, TRADE_NGRAMS_FILE } from '../../../scripts/trade-ngrams.mjs';
import { REPO_ROOT } from '../../../src/paths.ts';
import { languageSample } from '../../../src/understand/extract/language.ts';
import { TRADE_LANGUAGES, tradeLanguageDetector } from '../../../src/understand/extract/language-model.ts';
import { fixtureMails } from '../../fixtures/mails/list.ts';
import { runNode } from '../../helpers/cli.ts';
import { LANGUAGE_SAMPLES } from './language.samples.ts';

const tradeCut = tradeLanguageDetector();
const full = fullDatabase.newInstance();
full.setLanguageSubset([...TRADE_LANGUAGES]);

/** The labelled samples, their openings, and the text of every fixture mail. */
async function texts(): Promise<string[]> {
  const out = LANGUAGE_SAMPLES.flatMap(([, text]) => [text, text.slice(0, 60), text.slice(0, 120)]);
  for (const mail of fixtureMails()) out.push((await simpleParser(readFileSync(mail.eml))).text ?? '');
  return out.map(languageSample).filter((t) => t.length > 0);
}

describe('the trade-language cut of the ELD database', () => {
  it('scores every text exactly as the full database limited to the same languages', async () => {
    const all = await texts();
    expect(all.length).toBeGreaterThan(150);
    const differ = all.filter((t) => {
      const [a, b] = [tradeCut.detect(t), full.detect(t)];
      return a.language !== b.language || JSON.stringify(a.getScores()) !== JSON.stringify(b.getScores());
    });
    expect(differ).toEqual([]);
  });

  it('is what npm ci wrote for the current list, and what the script writes again', async () => {
    const file = join(REPO_ROOT, TRADE_NGRAMS_FILE);
    const expected = await cutTradeNgrams(TRADE_LANGUAGES);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expected);
    // The script the detector runs when the cut is missing; it replaces the file whole.
    const before = statSync(file).mtimeMs;
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'write-trade-ngrams.mjs')]);
    expect(statSync(file).mtimeMs).toBeGreaterThan(before);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expected);
  });

  it('is cut again by a child process when the file is missing, and detects meanwhile', async () => {
    const file = join(REPO_ROOT, TRADE_NGRAMS_FILE);
    const aside = `${file}.aside-${process.pid}`;
    renameSync(file, aside);
    try {
      const script = `const { detectLanguage } = await import('./src/understand/extract/language.ts');
        console.log(detectLanguage('Sehr geehrte Damen und Herren, wir bitten um Ihr Angebot für 500 Stück.'));`;
      const run = await runNode(['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('de');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(await cutTradeNgrams(TRADE_LANGUAGES));
    } finally {
      // Another test process may have cut it again as well; the file is whole either way.
      if (existsSync(file)) rmSync(aside, { force: true });
      else renameSync(aside, file);
    }
  });

  it('keeps only n-grams that score one of the trade languages', async () => {
    const cut = await cutTradeNgrams(['de']);
    const german = Object.entries(cut.languages).find(([, code]) => code === 'de')![0];
    const scored = Object.values(cut.ngrams);
    expect(scored.length).toBeGreaterThan(1000);
    expect(scored.every((scores) => Object.keys(scores).join() === german)).toBe(true);
  });
});
