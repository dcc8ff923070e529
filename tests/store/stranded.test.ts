/**
 * Mail stored raw whose batch failed while the service kept running: the sweep processes what
 * has waited longer than any batch in flight takes, and leaves mail stored a moment ago to the
 * sync's own processing. Both databases.
 */
import { describe, expect, it } from 'vitest';
import { processStranded, STRANDED_AFTER_MS } from '../../src/ingest/stranded.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testDatabases } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { cn, lilysInbox, slaConfig } from '../sla/helpers.ts';

const NOW = cn('2026-03-10 10:00');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const inquiry = (n: number) => Buffer.from(inquiryMessage(n));

describe.each(testDatabases())('the stranded-mail sweep (%o)', (make) => {
  const database = make();
  const store = useStore(database);

  it('processes mail left waiting past the threshold, and only that', async () => {
    const db = store.db;
    const folder = { folderId: await lilysInbox(db) };
    const stored = async (uid: number, at: Date) =>
      (
        await storeRawBatch(
          db,
          { ...folder, uidValidity: 1n },
          [rawItem(inquiry(uid), { uid: BigInt(uid) })],
          at,
        )
      ).created[0]!;
    const old = [
      await stored(1, ago(10 * STRANDED_AFTER_MS)),
      await stored(2, ago(STRANDED_AFTER_MS + 1000)),
    ];
    const fresh = await stored(3, ago(STRANDED_AFTER_MS - 1000));

    const deps = { db, config: slaConfig(database.url), log: silentLogger, now: () => NOW };
    expect(await processStranded(deps)).toEqual({ processed: 2, quarantined: 0, alreadyProcessed: 0 });
    const stage = async (id: number) => (await db.message.findUniqueOrThrow({ where: { id } })).stage;
    expect(await Promise.all([...old, fresh].map(stage))).toEqual(['processed', 'processed', 'received']);
    // nothing left past the threshold: a second sweep does nothing
    expect(await processStranded(deps)).toEqual({ processed: 0, quarantined: 0, alreadyProcessed: 0 });
  });
});
