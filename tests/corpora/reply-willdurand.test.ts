/**
 * willdurand/EmailReplyParser fixtures (incl. Outlook zh-CN header and 17 attribution locales),
 * scored on the portable view. Cases that need a custom quote-header regex upstream are scored
 * apart. Known, deliberate misses: a header block that is the very first thing in the body
 * ("From: foo@example.com <foo@example.com>" with nothing above) is kept as content, because
 * memo-style inquiries and form mails start that way.
 */
import { describe, expect, it } from 'vitest';
import { stripReply } from '../../src/understand/quote/index.ts';
import { floorOf, locateCorpus, printFailures, printRate } from '../helpers/corpus.ts';
import { failureLines, flooredRate, passedCount } from './case-results.ts';
import { loadPortableCases, scorePortable } from './reply-harness.ts';

const corpus = locateCorpus('reply-willdurand');

describe.skipIf(!corpus.exists)('corpus reply-willdurand', () => {
  it('strips quoted history and signatures at or above the floor', () => {
    const results = scorePortable(loadPortableCases(corpus), stripReply);
    const portable = results.filter((r) => r.group === 'portable');
    const custom = results.filter((r) => r.group === 'needs_custom_config');
    printRate('reply-willdurand', passedCount(portable), portable.length);
    printRate('reply-willdurand (needs custom config upstream)', passedCount(custom), custom.length);
    printFailures('reply-willdurand', failureLines(results));
    expect(flooredRate(portable)).toBeGreaterThanOrEqual(floorOf('reply-willdurand', 'portable'));
  });
});
