/**
 * How fetched or imported mail is grouped into batches. A batch is held whole while its raw
 * copies are stored, and again while it is parsed and understood, so its size in bytes bounds
 * the process's memory: 200 inquiries of 5 KB are 1 MB, but 200 mails with 4 MB of PDF
 * drawings each would be 800 MB, and a process that ran out of memory on such a batch would
 * meet the same batch again after every restart.
 */

/**
 * Raw mail in one batch at most; a mail larger than this is a batch of its own. Measured with
 * 2,000 inquiries each carrying a 300 KB attachment (`sync --once`, two interleaved rounds):
 * 16 MB batches peaked at 400-402 MB, 4 MB at 301-307 MB, 2 MB at 271-272 MB, at 42-45, 37-43
 * and 39-40 msg/s. Batches of short mail are bounded by their count long before this.
 */
export const BATCH_BYTES = 2 * 2 ** 20;

/**
 * Whether a batch of `count` mails and `bytes` bytes is closed before a mail of `size` bytes:
 * it is full, or that mail would take it past `maxBytes` (a first mail always goes in).
 */
export function closesBefore(
  count: number,
  bytes: number,
  size: number,
  maxCount: number,
  maxBytes: number = BATCH_BYTES,
): boolean {
  return count > 0 && (count >= maxCount || bytes + size > maxBytes);
}

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
    if (closesBefore(batch.length, bytes, size, maxCount, maxBytes)) {
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
