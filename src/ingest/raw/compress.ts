/**
 * Raw mail is kept compressed so it can be re-processed later. Brotli at a middle quality:
 * mail text compresses 3-5x, and quality 5 costs a fraction of a parse.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export function compressRaw(raw: Buffer): Buffer {
  return brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
}

export function decompressRaw(stored: Uint8Array): Buffer {
  return brotliDecompressSync(stored);
}
