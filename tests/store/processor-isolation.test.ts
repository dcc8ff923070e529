/**
 * A batch that fails as a whole is run again message by message, on both databases: the
 * message behind the failure is quarantined with its reason, the others are processed, and
 * nothing stays waiting. The failure here is a stored raw copy whose bytes were damaged (a
 * damaged database file): reading it fails the batch's preparation, which reads every raw copy
 * of the batch at once.
 */
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { listQuarantine } from '../../src/store/ingest/quarantine.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testDatabases } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { cn, lilysInbox, slaConfig } from '../sla/helpers.ts';

const NOW = cn('2026-03-10 10:00');

const inquiry = (n: number) => Buffer.from(inquiryMessage(n));

describe.each(testDatabases())('a batch that fails as a whole (%o)', (make) => {
  const database = make();
  const store = useStore(database);

  it('quarantines the message behind the failure and processes the others', async () => {
    const db = store.db;
    const inbox = await lilysInbox(db);
    const items = [1, 2, 3].map((n) => rawItem(inquiry(n), { uid: BigInt(n) }));
    const created = (await storeRawBatch(db, { folderId: inbox, uidValidity: 1n }, items, NOW)).created;
    const damaged = await db.message.findUniqueOrThrow({ where: { id: created[1]! } });
    await db.rawMessage.update({
      where: { id: damaged.rawMessageId },
      data: { compressed: Buffer.from('not brotli at all') },
    });

    const report = await processPending({
      db,
      config: slaConfig(database.url),
      log: silentLogger,
      now: () => NOW,
    });

    expect(report).toEqual({ processed: 2, quarantined: 1, alreadyProcessed: 0 });
    const stages = await db.message.findMany({ where: { id: { in: created } }, orderBy: { id: 'asc' } });
    expect(stages.map((m) => m.stage)).toEqual(['processed', 'quarantined', 'processed']);
    const [entry, ...more] = await listQuarantine(db);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ messageRowId: created[1], stage: 'parse', errorCode: 'PARSE_FAILED' });
    expect(entry!.errorMessage).toMatch(/stored raw copy could not be read/);
  });
});
