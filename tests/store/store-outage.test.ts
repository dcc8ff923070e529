/**
 * PostgreSQL ends the session of a batch being stored, as a restart or a failover does (every
 * session gets 57P01, "terminating connection due to administrator command"). That says
 * nothing about the mail in the batch: it must stay waiting and be processed once the server
 * is back, never be quarantined as if it were bad. Here another session holds a lock that lets
 * the batch be read and understood but not stored, and every session of ours that waits on it
 * is ended, while the quarantine (which does not touch the locked table) could still be written.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { listQuarantine } from '../../src/store/ingest/quarantine.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { PG_SERVER_URL, postgresDatabase, testDatabases } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { cn, lilysInbox, slaConfig } from '../sla/helpers.ts';

const NOW = cn('2026-03-10 10:00');
const withPostgres = testDatabases().length > 1;

describe.skipIf(!withPostgres)('PostgreSQL ends the sessions storing a batch', () => {
  const database = postgresDatabase();
  const store = useStore(database);

  it('leaves the batch waiting, quarantines nothing, and stores it once the server is back', async () => {
    const db = store.db;
    const schema = new URL(database.url).searchParams.get('schema')!;
    const inbox = await lilysInbox(db);
    const items = [1, 2, 3].map((n) => rawItem(Buffer.from(inquiryMessage(n)), { uid: BigInt(n) }));
    const created = (await storeRawBatch(db, { folderId: inbox, uidValidity: 1n }, items, NOW)).created;
    const deps = { db, config: slaConfig(database.url), log: silentLogger, now: () => NOW };

    // SHARE: leads can be read (understanding looks them up), not written.
    const locker = new pg.Client({ connectionString: PG_SERVER_URL });
    await locker.connect();
    let ended = 0;
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${schema}"."Lead" IN SHARE MODE`);
      let settled = false;
      const run = processPending(deps).then(
        (report) => ({ report, err: null }),
        (err: unknown) => ({ report: null, err }),
      );
      void run.finally(() => {
        settled = true;
      });
      while (!settled) {
        const waiting = await locker.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE NOT granted AND relation = '"${schema}"."Lead"'::regclass`,
        );
        for (const { pid } of waiting.rows) {
          await locker.query('SELECT pg_terminate_backend($1)', [pid]);
          ended++;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const outcome = await run;
      // The store's failure goes up to the caller; nothing was stored and nothing quarantined.
      expect(outcome.report).toBeNull();
      expect(String(outcome.err)).toMatch(/terminat/i);
      expect(ended).toBeGreaterThan(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await listQuarantine(db)).toEqual([]);
    const stages = await db.message.findMany({ where: { id: { in: created } }, select: { stage: true } });
    expect(stages.map((m) => m.stage)).toEqual(['received', 'received', 'received']);

    // The server is back: the next run (a pass, the sweep or a restart) stores them.
    expect(await processPending(deps)).toEqual({ processed: 3, quarantined: 0, alreadyProcessed: 0 });
  }, 60_000);
});
