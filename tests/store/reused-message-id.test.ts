/**
 * A different mail under a Message-ID already stored (form scripts and mailers that write a
 * fixed one) is a message of its own and is processed; copies of either mail (other folders,
 * other delivery headers, a refetch) stay duplicates. Both databases.
 */
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { messageKey, reusedIdKey } from '../../src/ingest/raw/message-key.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testDatabases } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { slaConfig } from '../sla/helpers.ts';

const FIXED = '<contact-form@brightlux-lighting.com>';
const relayed = (raw: string, hop: string) =>
  Buffer.from(`Received: from ${hop}; Thu, 1 Jan 2026 00:05:00 +0000\r\n${raw}`);

describe.each(testDatabases())('a reused Message-ID (%o)', (make) => {
  const database = make();
  const store = useStore(database);

  it('processes each mail under it once, and counts their copies as duplicates', async () => {
    const db = store.db;
    const box = await db.mailbox.create({ data: { name: 'sales', role: 'inquiries' } });
    const folder = async (path: string) =>
      (await db.mailboxFolder.create({ data: { mailboxId: box.id, path, uidValidity: 1n } })).id;
    const [inbox, archive] = [await folder('INBOX'), await folder('Archive')];
    const first = inquiryMessage(1, { messageId: FIXED });
    const second = inquiryMessage(2, { messageId: FIXED });
    const third = inquiryMessage(3, { messageId: FIXED });
    const store1 = await storeRawBatch(
      db,
      { folderId: inbox, uidValidity: 1n },
      [rawItem(Buffer.from(first), { uid: 1n }), rawItem(Buffer.from(second), { uid: 2n })],
      new Date(),
    );
    expect([store1.created.length, store1.duplicates]).toEqual([2, 0]);
    // copies of both with other bytes, and a third mail, in one batch of another folder
    const store2 = await storeRawBatch(
      db,
      { folderId: archive, uidValidity: 1n },
      [
        rawItem(relayed(second, 'a'), { uid: 1n }),
        rawItem(Buffer.from(third), { uid: 2n }),
        rawItem(relayed(first, 'b'), { uid: 3n }),
        rawItem(relayed(third, 'c'), { uid: 4n }),
      ],
      new Date(),
    );
    expect([store2.created.length, store2.duplicates]).toEqual([1, 3]);

    const report = await processPending({
      db,
      config: slaConfig(database.url),
      log: silentLogger,
      now: () => new Date(),
    });
    expect(report).toMatchObject({ processed: 3, quarantined: 0 });
    const leads = await db.lead.findMany({ select: { email: true }, orderBy: { email: 'asc' } });
    expect(leads.map((l) => l.email)).toEqual([
      'buyer1@importer1.com',
      'buyer2@importer2.ae',
      'buyer3@importer3.br',
    ]);
    expect(await db.messageSource.count()).toBe(6);

    // The first mail forgotten (an erasure deletes its message): a later copy of the second
    // still finds the key of its own, not the freed Message-ID.
    await db.message.deleteMany({ where: { dedupeKey: FIXED } });
    const store3 = await storeRawBatch(
      db,
      { folderId: archive, uidValidity: 1n },
      [rawItem(relayed(second, 'd'), { uid: 5n })],
      new Date(),
    );
    expect([store3.created.length, store3.duplicates]).toEqual([0, 1]);
  });

  it('keys a reused Message-ID by the Date header as written, whatever the time zone of the process', () => {
    const zoneless = Buffer.from(
      inquiryMessage(4, { messageId: FIXED }).replace(/^Date: .*$/m, 'Date: Thu, 1 Jan 2026 08:00:00'),
    );
    const before = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = messageKey(zoneless);
      process.env.TZ = 'Asia/Shanghai';
      const shanghai = messageKey(zoneless);
      expect(reusedIdKey(shanghai)).toBe(reusedIdKey(utc));
      expect(utc.origin).toBe('buyer4@importer4.au Thu, 1 Jan 2026 08:00:00');
    } finally {
      process.env.TZ = before;
    }
  });
});
