import { randomBytes } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressRaw, decompressRaw, LARGE_MAIL_BYTES } from '../../../src/ingest/raw/compress.ts';
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

  it.each(cases)('gives back %s byte for byte when told its size', (_, raw) => {
    expect(decompressRaw(compressRaw(raw), raw.length).equals(raw)).toBe(true);
  });

  it('holds no more memory than the mail when told its size', () => {
    const fiveKb = Buffer.from(mail.toString('utf8').repeat(12)).subarray(0, 5 * 1024);
    // Without the size, zlib's 16 KB output chunk stays behind the returned slice.
    expect(decompressRaw(compressRaw(fiveKb)).buffer.byteLength).toBeGreaterThanOrEqual(16 * 1024);
    expect(decompressRaw(compressRaw(fiveKb), fiveKb.length).buffer.byteLength).toBe(fiveKb.length + 1);
    // A short mail's chunk comes from Node's shared 8 KB pool of small buffers.
    expect(decompressRaw(compressRaw(mail), mail.length).buffer.byteLength).toBeLessThanOrEqual(
      Buffer.poolSize,
    );
  });

  it('stores mail text smaller than it came', () => {
    expect(compressRaw(mail).length).toBeLessThan(mail.length);
  });

  it('compresses mail at quality 5 up to the large-mail size and at 3 above it', () => {
    const at = (raw: Buffer, quality: number) =>
      brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      });
    const text = Buffer.from(mail.toString('utf8').repeat(Math.ceil((2 * LARGE_MAIL_BYTES) / mail.length)));
    const small = text.subarray(0, LARGE_MAIL_BYTES);
    const large = text.subarray(0, LARGE_MAIL_BYTES + 1);
    expect(compressRaw(small).equals(at(small, 5))).toBe(true);
    expect(compressRaw(large).equals(at(large, 3))).toBe(true);
    expect(compressRaw(large).equals(at(large, 5))).toBe(false);
  });
});
