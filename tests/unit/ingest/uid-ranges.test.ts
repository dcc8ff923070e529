/**
 * The UID sets the sync sends (RFC 3501 9, sequence-set): compact runs of the UIDs to fetch,
 * and the size fetch's range with the skipped messages left out, so the server is never asked
 * again for a message it will not give.
 */
import { describe, expect, it } from 'vitest';
import { rangesBetween } from '../../../src/ingest/sync/fetch-batch.ts';
import { segmentsAround } from '../../../src/ingest/sync/folder-sync.ts';
import { uidSet } from '../../../src/ingest/sync/uid-set.ts';

describe('UID sets', () => {
  it('leaves the skipped UIDs out of a range, wherever they fall', () => {
    expect(rangesBetween(1, 9, [])).toBe('1:9');
    expect(rangesBetween(1, 9, [3, 7])).toBe('1:2,4:6,8:9');
    expect(rangesBetween(1, 9, [7, 3])).toBe('1:2,4:6,8:9');
    expect(rangesBetween(1, 9, [2, 3, 4])).toBe('1,5:9');
    expect(rangesBetween(1, 9, [8])).toBe('1:7,9');
    // outside the range: nothing to leave out
    expect(rangesBetween(5, 9, [1, 12])).toBe('5:9');
    expect(rangesBetween(4, 4, [])).toBe('4');
  });

  it('writes sorted UIDs as runs', () => {
    expect(uidSet([1, 2, 3, 7])).toBe('1:3,7');
    expect(uidSet([5])).toBe('5');
    expect(uidSet([2, 4, 5, 6, 9])).toBe('2,4:6,9');
  });
});

describe('segmentsAround', () => {
  const uids = [4, 5, 7, 9, 12];
  it('sizes everything at once with no break on record', () => {
    expect(segmentsAround(uids, undefined, 1n)).toEqual([uids]);
  });
  it('fetches the message the last size fetch broke at alone, between the mail before and after it', () => {
    expect(segmentsAround(uids, { uidValidity: 1n, uid: 7 }, 1n)).toEqual([[4, 5], [7], [9, 12]]);
    expect(segmentsAround(uids, { uidValidity: 1n, uid: 4 }, 1n)).toEqual([[4], [5, 7, 9, 12]]);
    expect(segmentsAround(uids, { uidValidity: 1n, uid: 12 }, 1n)).toEqual([[4, 5, 7, 9], [12]]);
  });
  it('ignores a break under another UIDVALIDITY, or at a message no longer to fetch', () => {
    expect(segmentsAround(uids, { uidValidity: 2n, uid: 7 }, 1n)).toEqual([uids]);
    expect(segmentsAround(uids, { uidValidity: 1n, uid: 8 }, 1n)).toEqual([uids]);
  });
});
