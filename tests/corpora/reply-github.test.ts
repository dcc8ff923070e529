/**
 * GitHub's original email_reply_parser fixtures: the portable view for 20 cases, and two
 * catastrophic-backtracking guards (pathological.txt, a 750 KB quoted thread) that upstream
 * requires to parse in under 1 s. The guards run in a child process killed at a hard time
 * limit, so a regex that backtracks forever fails the test instead of hanging the run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { stripReply } from '../../src/understand/quote/index.ts';
import { floorOf, locateCorpus, printFailures, printRate, REPO_ROOT } from '../helpers/corpus.ts';
import { failureLines, flooredRate, passedCount } from './case-results.ts';
import { loadPortableCases, scorePortable } from './reply-harness.ts';

const corpus = locateCorpus('reply-github');
/** Upstream budget per message. Our parse takes ~15 ms; the budget is not loosened. */
const PARSE_BUDGET_MS = 1000;
/** Hard kill for the child (node start-up + parse). */
const PROCESS_LIMIT_MS = 20_000;

function timedParse(file: string): { ms: number | null; killed: boolean } {
  const quote = pathToFileURL(path.join(REPO_ROOT, 'src/understand/quote/index.ts')).href;
  const forward = pathToFileURL(path.join(REPO_ROOT, 'src/understand/forward/index.ts')).href;
  const script = `
    import { readFileSync } from 'node:fs';
    import { stripReply } from '${quote}';
    import { parseInlineForward } from '${forward}';
    const text = readFileSync(process.argv[1], 'utf8');
    const t0 = performance.now();
    stripReply(text);
    parseInlineForward(text, 'Fwd: x');
    console.log(JSON.stringify({ ms: performance.now() - t0 }));`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: PROCESS_LIMIT_MS,
  });
  if (run.error || run.status !== 0) return { ms: null, killed: run.signal !== null };
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return { ms: (JSON.parse(line) as { ms: number }).ms, killed: false };
}

describe.skipIf(!corpus.exists)('corpus reply-github', () => {
  it('strips quoted history and signatures at or above the floor', () => {
    const results = scorePortable(loadPortableCases(corpus), stripReply);
    printRate('reply-github', passedCount(results), results.length);
    printFailures('reply-github', failureLines(results));
    expect(flooredRate(results)).toBeGreaterThanOrEqual(floorOf('reply-github', 'portable'));
  });

  it.each(['pathological.txt', 'email_long_quote.txt'])(
    'parses %s without catastrophic backtracking',
    (name) => {
      const result = timedParse(path.join(corpus.dir, 'emails', name));
      console.log(`corpus reply-github: ${name} parsed in ${result.ms?.toFixed(1) ?? 'n/a'} ms`);
      expect(result.killed).toBe(false);
      expect(result.ms).not.toBeNull();
      expect(result.ms!).toBeLessThan(PARSE_BUDGET_MS);
    },
  );
});
