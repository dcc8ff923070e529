/**
 * How fetched or imported mail is grouped into batches. A batch is held whole while its raw
 * copies are stored, and again while it is parsed and understood, so its size in bytes bounds
 * the process's memory: 200 inquiries of 5 KB are 1 MB, but 200 mails with 4 MB of PDF
 * drawings each would be 800 MB, and a process that ran out of memory on such a batch would
 * meet the same batch again after every restart.
 */

/** Raw mail in one batch at most; a mail larger than this is a batch of its own. */
export const BATCH_BYTES = 16 * 2 ** 20;

/**
 * Consecutive runs of at most `maxCount` items and, unless one item alone exceeds it,
 * `maxBytes` by `sizeOf`.
 */
export function sizedBatches<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  maxCount: number,
  maxBytes: number = BATCH_BYTES,
): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (batch.length > 0 && (batch.length >= maxCount || bytes + size > maxBytes)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += size;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}
