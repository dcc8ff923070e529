/**
 * Raw mail is kept compressed so it can be re-processed later. Brotli at a middle quality:
 * mail text compresses 3-5x, and quality 5 costs a fraction of a parse (large mail: below).
 *
 * zlib's synchronous calls write into output chunks of 16 KB by default, and the Buffer they
 * return is a slice that keeps its whole chunk alive until the garbage collector frees it: a
 * few hundred bytes of compressed mail held 16 KB of native memory each. Chunks of about half
 * the mail (brotli's output is smaller still) cut the sync's peak resident memory by about
 * 10 MB (bench/ingest-backfill.ts).
 *
 * Decompression has the same habit the other way round: a 5 KB mail came back as a slice of a
 * 16 KB chunk, kept alive while the mail is parsed and understood. The stored size is known,
 * so the chunk is made one byte larger than the mail: the output fits with room to spare and
 * zlib stops after one pass (with an exact fit it would allocate another chunk to look for
 * more output).
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * Mail larger than this is mostly attachments: drawings, catalogues and photos, already
 * compressed and sent as base64. Brotli gets the base64 back at any quality (a 400 KB mail with
 * a 300 KB attachment: 1.32 times at quality 3 and at 5), and quality 3 takes a third of the
 * time: 4 against 14 ms. Text compresses about an eighth less well at 3 (the five corpus
 * mails over 64 KB: 36 against 32 KB).
 */
export const LARGE_MAIL_BYTES = 64 * 1024;

export function compressRaw(raw: Buffer): Buffer {
  return brotliCompressSync(raw, {
    chunkSize: Math.max(1024, raw.length >> 1),
    params: {
      [constants.BROTLI_PARAM_QUALITY]: raw.length > LARGE_MAIL_BYTES ? 3 : 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
}

/** `size` is the stored mail's length in bytes (RawMessage.size), when the caller has it. */
export function decompressRaw(stored: Uint8Array, size?: number): Buffer {
  return brotliDecompressSync(stored, size ? { chunkSize: Math.max(64, size + 1) } : {});
}
