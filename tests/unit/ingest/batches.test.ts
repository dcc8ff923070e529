import { describe, expect, it } from 'vitest';
import { BATCH_BYTES, sizedBatches } from '../../../src/ingest/batches.ts';

const sizes = (batches: number[][]) => batches.map((b) => b.reduce((s, n) => s + n, 0));

describe('sizedBatches', () => {
  it('cuts by count when the mail is small', () => {
    const small = Array.from({ length: 450 }, () => 5_000);
    expect(sizedBatches(small, (n) => n, 200).map((b) => b.length)).toEqual([200, 200, 50]);
  });

  it('cuts by bytes when the mail is large, keeping the order', () => {
    const mixed = [100, 600, 300, 200, 900, 50, 50];
    const batches = sizedBatches(mixed, (n) => n, 5, 1_000);
    expect(batches).toEqual([[100, 600, 300], [200], [900, 50, 50]]);
    expect(batches.flat()).toEqual(mixed);
    expect(Math.max(...sizes(batches))).toBeLessThanOrEqual(1_000);
  });

  it('gives a mail larger than the limit a batch of its own', () => {
    expect(sizedBatches([10, 5_000, 10], (n) => n, 5, 1_000)).toEqual([[10], [5_000], [10]]);
  });

  it('holds 2 MB of raw mail at most by default, and nothing for no mail', () => {
    const attachments = Array.from({ length: 20 }, () => 700 * 1024);
    const batches = sizedBatches(attachments, (n) => n, 200);
    expect(batches.map((b) => b.length)).toEqual(Array.from({ length: 10 }, () => 2));
    expect(Math.max(...sizes(batches))).toBeLessThanOrEqual(BATCH_BYTES);
    expect(sizedBatches([], (n: number) => n, 200)).toEqual([]);
  });
});
