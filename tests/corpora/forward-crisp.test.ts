/**
 * crisp-oss/email-forward-parser fixtures: forward detection and the original From / To / Cc /
 * Subject / Date / body, plus the forwarder's note, compared key by key as SOURCE.md says (see
 * forward-harness.ts for the normalisation). Also printed: rates per client and for the 10
 * negative (not a forward) cases.
 */
import { describe, expect, it } from 'vitest';
import { floorOf, locateCorpus, printFailures, printRate } from '../helpers/corpus.ts';
import type { CaseResult } from './case-results.ts';
import { failureLines, flooredRate, groupLines, passedCount } from './case-results.ts';
import { loadForwardCases, ourForwardCandidate, scoreForward } from './forward-harness.ts';

const corpus = locateCorpus('forward-crisp');

describe.skipIf(!corpus.exists)('corpus forward-crisp', () => {
  it('parses forwarded messages at or above the floor', () => {
    const cases = loadForwardCases(corpus);
    const results = scoreForward(cases, ourForwardCandidate);
    const negatives = results.filter((r) => r.group === 'variant 4');
    const byClient: CaseResult[] = results.map((r, i) => ({ ...r, group: cases[i]!.client }));
    printRate('forward-crisp', passedCount(results), results.length);
    printRate('forward-crisp (not-a-forward cases)', passedCount(negatives), negatives.length);
    console.log(groupLines(byClient).join('\n'));
    printFailures('forward-crisp', failureLines(results));
    expect(flooredRate(results)).toBeGreaterThanOrEqual(floorOf('forward-crisp', 'all'));
    expect(flooredRate(negatives)).toBeGreaterThanOrEqual(floorOf('forward-crisp', 'negatives'));
  });
});
