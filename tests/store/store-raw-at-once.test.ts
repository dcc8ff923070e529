/**
 * Two writers storing the same mail at once, on both databases: two watched mailboxes that
 * both received it (the same Message-ID, each copy with its own delivery headers), or the
 * very same bytes in two folders. Each batch reads the mail as new; on PostgreSQL the one that
 * inserts second used to fail on the unique index. Both batches must go through, every
 * location kept, one logical message per Message-ID.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/client.ts';
import { type RawItem, rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testDatabases } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { useStore } from '../helpers/store-hooks.ts';

const N = 50;

function items(from: number, deliveredTo: string | null): RawItem[] {
  return Array.from({ length: N }, (_, i) => {
    const text = inquiryMessage(from + i);
    const raw = Buffer.from(deliveredTo === null ? text : `Delivered-To: ${deliveredTo}\r\n${text}`);
    return rawItem(raw, { uid: BigInt(i + 1) });
  });
}

async function inboxes(db: Db, names: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const box = await db.mailbox.create({ data: { name, role: 'inquiries' } });
    ids.push(
      (await db.mailboxFolder.create({ data: { mailboxId: box.id, path: 'INBOX', uidValidity: 1n } })).id,
    );
  }
  return ids;
}

describe.each(testDatabases())('the same mail stored by two batches at once (%o)', (make) => {
  const store = useStore(make());

  it('keeps both copies of one Message-ID as locations of one message', async () => {
    const [a, b] = await inboxes(store.db, ['sales', 'dropbox']);
    const results = await Promise.all([
      storeRawBatch(
        store.db,
        { folderId: a!, uidValidity: 1n, cursor: { lastUid: BigInt(N) } },
        items(0, 'sales@x'),
        new Date(),
      ),
      storeRawBatch(
        store.db,
        { folderId: b!, uidValidity: 1n, cursor: { lastUid: BigInt(N) } },
        items(0, 'dropbox@x'),
        new Date(),
      ),
    ]);
    expect(results.map((r) => r.created.length + r.duplicates).sort()).toEqual([N, N]);
    expect(results[0]!.created.length + results[1]!.created.length).toBe(N);
    expect(await store.db.message.count({ where: { messageId: { startsWith: '<inq-' } } })).toBe(N);
    expect(await store.db.messageSource.count({ where: { folderId: { in: [a!, b!] } } })).toBe(2 * N);
    const cursors = await store.db.mailboxFolder.findMany({ where: { id: { in: [a!, b!] } } });
    expect(cursors.map((f) => f.lastUid)).toEqual([BigInt(N), BigInt(N)]);
  });

  it('stores identical bytes in two folders once, with both locations', async () => {
    const [a, b] = await inboxes(store.db, ['rep-1', 'rep-2']);
    const results = await Promise.all(
      [a!, b!].map((folderId) =>
        storeRawBatch(store.db, { folderId, uidValidity: 1n }, items(1000, null), new Date()),
      ),
    );
    expect(results[0]!.created.length + results[1]!.created.length).toBe(N);
    const raws = await store.db.messageSource.findMany({
      where: { folderId: { in: [a!, b!] } },
      select: { rawMessageId: true },
    });
    expect(raws).toHaveLength(2 * N);
    expect(new Set(raws.map((r) => r.rawMessageId)).size).toBe(N);
  });
});
