import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compressRaw, decompressRaw } from '../../../src/ingest/raw/compress.ts';
import { inquiryMessage } from '../../helpers/messages.ts';

describe('raw mail compression', () => {
  const mail = Buffer.from(inquiryMessage(7));
  // Random bytes do not compress: brotli's output outgrows the first output chunk.
  const cases: [string, Buffer][] = [
    ['empty', Buffer.alloc(0)],
    ['a short mail', mail],
    ['a long mail', Buffer.from(mail.toString('utf8').repeat(200))],
    ['incompressible bytes', randomBytes(300_000)],
  ];

  it.each(cases)('gives back %s byte for byte', (_, raw) => {
    expect(decompressRaw(compressRaw(raw)).equals(raw)).toBe(true);
  });

  it('stores mail text smaller than it came', () => {
    expect(compressRaw(mail).length).toBeLessThan(mail.length);
  });
});
