import { describe, expect, it } from 'vitest';
import { TrademailError } from '../../../src/errors.ts';
import { sizeFetchBroken, unreadableMessage } from '../../../src/ingest/sync/fetch-batch.ts';
import { FetchTrouble, UNREADABLE_TRIES } from '../../../src/ingest/sync/fetch-trouble.ts';

const folder = (uidValidity: bigint) => ({ path: 'INBOX', uidValidity });

describe('FetchTrouble', () => {
  it('skips a withheld message after the set number of failed passes, for its UIDVALIDITY only', () => {
    const trouble = new FetchTrouble();
    for (let pass = 1; pass < UNREADABLE_TRIES; pass++) {
      expect(trouble.failed(unreadableMessage(folder(7n), 3))).toBe(true);
      expect([...(trouble.passOptions().skip?.uids ?? [])]).toEqual([]);
    }
    expect(trouble.failed(unreadableMessage(folder(7n), 3))).toBe(true);
    expect(trouble.passOptions().skip).toEqual({ uidValidity: 7n, uids: new Set([3]) });
    // A folder reset numbers its mail afresh: UID 3 is another message now.
    trouble.failed(unreadableMessage(folder(8n), 5));
    expect(trouble.passOptions().skip).toEqual({ uidValidity: 8n, uids: new Set() });
  });

  it('sizes around the break of the last size fetch until a pass ends well', () => {
    const trouble = new FetchTrouble();
    expect(trouble.failed(sizeFetchBroken(folder(7n), 40, new Error('Connection closed')))).toBe(true);
    expect(trouble.passOptions().sizeBreak).toEqual({ uidValidity: 7n, uid: 40 });
    trouble.passed();
    expect(trouble.passOptions().sizeBreak).toBeUndefined();
  });

  it('learns nothing from any other failure', () => {
    const trouble = new FetchTrouble();
    expect(trouble.failed(new TrademailError('IMAP_CONNECT', 'cannot connect'))).toBe(false);
    expect(trouble.failed(new Error('socket hang up'))).toBe(false);
    expect(trouble.passOptions()).toEqual({
      skip: { uidValidity: -1n, uids: new Set() },
      sizeBreak: undefined,
    });
  });
});
