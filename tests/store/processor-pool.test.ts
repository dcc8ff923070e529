/**
 * The processor with a worker pool: stored mail is understood on a worker thread and stored as
 * the inline path stores it, and a message that kills the worker is quarantined alone with
 * WORKER_FAILED while the rest of its batch is processed (no crash loop on a poisonous mail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { createUnderstandPool, type UnderstandPool } from '../../src/ingest/workers/understand-pool.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Store } from '../../src/store/client.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testConfig } from '../helpers/config.ts';
import { type TestDatabase, testDatabases } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';

const NOW = new Date('2026-03-10T02:00:00Z');
const CRASHING = new URL('../unit/ingest/crashing-understand-worker.mjs', import.meta.url);

describe.each(testDatabases())('processor with an understanding worker (%o)', (make) => {
  let database: TestDatabase;
  let store: Store;
  let pool: UnderstandPool;

  beforeAll(async () => {
    database = make();
    store = await database.open();
    pool = createUnderstandPool({ size: 1, workerEntry: CRASHING });
  });
  afterAll(async () => {
    await pool?.close();
    await store?.close();
    await database?.drop();
  });

  async function storeRaws(raws: Buffer[], importKey: string) {
    const items = raws.map((raw, i) => rawItem(raw, { importKey: `${importKey}-${i}` }));
    return (await storeRawBatch(store.db, {}, items, NOW)).created;
  }

  it('stores what the worker understood, and quarantines only the mail that kills it', async () => {
    const config = testConfig(null, [], database.url);
    const raws = [
      Buffer.from(inquiryMessage(1)),
      Buffer.from('CRASH-EXIT'),
      Buffer.from(inquiryMessage(2)),
      Buffer.from(inquiryMessage(3)),
    ];
    const ids = await storeRaws(raws, 'poison');
    const report = await processPending(
      { db: store.db, config, log: silentLogger, now: () => NOW, understand: pool },
      { ids },
    );
    expect(report).toEqual({ processed: 3, quarantined: 1, alreadyProcessed: 0 });
    const poison = await store.db.quarantine.findFirstOrThrow({ include: { raw: true } });
    expect(poison.errorCode).toBe('WORKER_FAILED');
    expect(await store.db.inquiry.count()).toBe(3);
    expect((await store.db.lead.findMany({ orderBy: { email: 'asc' } })).map((l) => l.email)).toEqual([
      'buyer1@importer1.com',
      'buyer2@importer2.ae',
      'buyer3@importer3.br',
    ]);

    // The pool has replaced its worker: the next batch goes through it as usual.
    const next = await storeRaws([Buffer.from(inquiryMessage(4))], 'after');
    const again = await processPending(
      { db: store.db, config, log: silentLogger, now: () => NOW, understand: pool },
      { ids: next },
    );
    expect(again).toEqual({ processed: 1, quarantined: 0, alreadyProcessed: 0 });
  });
});
