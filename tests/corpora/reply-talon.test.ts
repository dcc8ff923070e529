/**
 * Mailgun talon fixtures. Quotation cases are scored on quote removal alone (talon keeps the
 * signature in its reply), signature cases on the signature split. The headline is the 83
 * transferable cases SOURCE.md names; talon's ML-signature cases and its HTML-serialisation
 * cases are printed and ratcheted apart.
 */
import { describe, expect, it } from 'vitest';
import { removeQuoted, splitSignature } from '../../src/understand/quote/index.ts';
import { floorOf, locateCorpus, printFailures, printRate } from '../helpers/corpus.ts';
import { failureLines, flooredRate, groupLines, passedCount } from './case-results.ts';
import type { TalonCandidate } from './reply-talon-harness.ts';
import { HEADLINE_GROUPS, loadTalonCases, scoreTalon } from './reply-talon-harness.ts';

const corpus = locateCorpus('reply-talon');

const ours: TalonCandidate = {
  removeQuotes: (text) => removeQuoted(text).reply,
  splitSignature: (text) => {
    const { body, signature } = splitSignature(text);
    return { text: body, signature };
  },
};

describe.skipIf(!corpus.exists)('corpus reply-talon', () => {
  it('removes quotations and splits signatures at or above the floors', async () => {
    const results = scoreTalon(await loadTalonCases(corpus), ours);
    const headline = results.filter((r) => HEADLINE_GROUPS.has(r.group));
    const signatureMl = results.filter((r) => r.group === 'signature_ml');
    const misc = results.filter((r) => r.group === 'html_misc' || r.group === 'plain_misc');
    printRate('reply-talon', passedCount(headline), headline.length);
    console.log(groupLines(results).join('\n'));
    printFailures('reply-talon', failureLines(results));
    expect(flooredRate(headline)).toBeGreaterThanOrEqual(floorOf('reply-talon', 'headline'));
    expect(flooredRate(signatureMl)).toBeGreaterThanOrEqual(floorOf('reply-talon', 'signature_ml'));
    expect(flooredRate(misc)).toBeGreaterThanOrEqual(floorOf('reply-talon', 'misc'));
  });
});
