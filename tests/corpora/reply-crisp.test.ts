/**
 * crisp-oss/email-reply-parser fixtures, scored on the parser-agnostic "portable" view (reply
 * text after quote and signature removal, regexes on the removed parts): see SOURCE.md.
 * Known, deliberate misses: "-Name" sign-offs count as signature here (crisp keeps them in the
 * reply; willdurand and talon strip them), and "Sincerely," opens a closing block.
 */
import { describe, expect, it } from 'vitest';
import { stripReply } from '../../src/understand/quote/index.ts';
import { floorOf, locateCorpus, printFailures, printRate } from '../helpers/corpus.ts';
import { failureLines, flooredRate, passedCount } from './case-results.ts';
import { loadPortableCases, scorePortable } from './reply-harness.ts';

const corpus = locateCorpus('reply-crisp');

describe.skipIf(!corpus.exists)('corpus reply-crisp', () => {
  it('strips quoted history and signatures at or above the floor', () => {
    const results = scorePortable(loadPortableCases(corpus), stripReply);
    printRate('reply-crisp', passedCount(results), results.length);
    printFailures('reply-crisp', failureLines(results));
    expect(flooredRate(results)).toBeGreaterThanOrEqual(floorOf('reply-crisp', 'portable'));
  });
});
