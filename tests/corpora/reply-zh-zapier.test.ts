/**
 * Two Chinese-header replies (Outlook zh-CN block, Gmail zh-CN one-line attribution) with
 * labels written by the corpus collector, not upstream: counted apart from upstream corpora.
 */
import { describe, expect, it } from 'vitest';
import { stripReply } from '../../src/understand/quote/index.ts';
import { floorOf, locateCorpus, printFailures, printRate } from '../helpers/corpus.ts';
import { failureLines, flooredRate, passedCount } from './case-results.ts';
import { loadPortableCases, scorePortable } from './reply-harness.ts';

const corpus = locateCorpus('reply-zh-zapier');

describe.skipIf(!corpus.exists)('corpus reply-zh-zapier', () => {
  it('strips Chinese quote headers at or above the floor', () => {
    const results = scorePortable(loadPortableCases(corpus), stripReply);
    printRate('reply-zh-zapier', passedCount(results), results.length);
    printFailures('reply-zh-zapier', failureLines(results));
    expect(flooredRate(results)).toBeGreaterThanOrEqual(floorOf('reply-zh-zapier', 'portable'));
  });
});
