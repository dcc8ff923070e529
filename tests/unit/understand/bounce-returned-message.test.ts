/**
 * withoutReturnedMessage cuts a bounce's text at its earliest returned-message marker. It reads
 * the markers as one alternation; this checks it against the plain reading (every marker on
 * its own, the earliest match kept) on hand-made texts and on every bounce of the sisimai
 * corpus when ../shared/corpora is there.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import {
  notificationText,
  RETURNED_MESSAGE_MARKERS,
  withoutReturnedMessage,
} from '../../../src/understand/bounce/text.ts';
import { locateCorpus } from '../../helpers/corpus.ts';

function earliestMarkerCut(text: string): string {
  let end = text.length;
  for (const marker of RETURNED_MESSAGE_MARKERS) {
    const m = marker.exec(text);
    if (m && m.index < end) end = m.index;
  }
  return text.slice(0, end);
}

describe('withoutReturnedMessage', () => {
  it('cuts at the marker that comes first in the text, not the first in the list', () => {
    // "Original message follows" is listed after "This is a copy of the message" but comes first.
    const text =
      'Delivery to buyer@importer.de failed.\n\nOriginal message follows.\n\nHi,\n----- This is a copy of the message\nSubject: RFQ\n';
    // `^\s*` may start on the blank line before the marker.
    expect(withoutReturnedMessage(text)).toBe('Delivery to buyer@importer.de failed.\n');
    expect(withoutReturnedMessage(text)).toBe(earliestMarkerCut(text));
  });

  it('keeps the whole text when there is no marker', () => {
    const text = 'Your message to buyer@importer.de could not be delivered: mailbox full.\n';
    expect(withoutReturnedMessage(text)).toBe(text);
  });

  it('matches the markers regardless of case, and the Chinese one', () => {
    expect(withoutReturnedMessage('failed\ncontent-type: MESSAGE/RFC822\nFrom: x')).toBe('failed\n');
    expect(withoutReturnedMessage('退信\n----- 原始邮件 -----\n发件人: sales')).toBe('退信\n');
  });

  it('agrees with reading each marker on its own over every corpus bounce', async (ctx) => {
    const corpus = locateCorpus('bounce-sisimai');
    if (!corpus.exists) return ctx.skip();
    const dir = path.join(corpus.dir, 'maildir');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThan(100);
    let cut = 0;
    for (const file of files) {
      const text = notificationText(await parseStage(readFileSync(path.join(dir, file))));
      const expected = earliestMarkerCut(text);
      if (expected.length < text.length) cut++;
      expect(withoutReturnedMessage(text), file).toBe(expected);
    }
    // A third of them quote the returned message in their text: the comparison covers real cuts.
    expect(cut).toBeGreaterThan(100);
  });
});
