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
import { type ProcessReport, processPending } from '../../src/ingest/processor.ts';
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
  let inbox: number | undefined;

  /**
   * Three inquiries stored raw, then processed while another session holds a SHARE lock on
   * the leads (they can be read, as understanding does, not written) and every session of
   * ours that waits on it is ended, for as long as `lasting` says. What processPending gave.
   */
  async function processDuringOutage(lasting: (ended: number) => boolean) {
    const db = store.db;
    const schema = new URL(database.url).searchParams.get('schema')!;
    await db.$executeRawUnsafe('DELETE FROM "Quarantine"');
    inbox ??= await lilysInbox(db);
    const first = (await db.message.count()) + 1;
    const items = [0, 1, 2].map((n) =>
      rawItem(Buffer.from(inquiryMessage(first * 10 + n)), { uid: BigInt(first + n) }),
    );
    const created = (await storeRawBatch(db, { folderId: inbox, uidValidity: 1n }, items, NOW)).created;
    const deps = { db, config: slaConfig(database.url), log: silentLogger, now: () => NOW };
    const locker = new pg.Client({ connectionString: PG_SERVER_URL });
    await locker.connect();
    let ended = 0;
    let outcome: { report: ProcessReport | null; err: unknown };
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${schema}"."Lead" IN SHARE MODE`);
      let settled = false;
      const run = processPending(deps, { ids: created }).then(
        (report) => ({ report, err: null }),
        (err: unknown) => ({ report: null, err }),
      );
      void run.finally(() => {
        settled = true;
      });
      while (!settled && lasting(ended)) {
        const waiting = await locker.query<{ pid: number }>(
          `SELECT pid FROM pg_locks WHERE NOT granted AND relation = '"${schema}"."Lead"'::regclass`,
        );
        for (const { pid } of waiting.rows) {
          await locker.query('SELECT pg_terminate_backend($1)', [pid]);
          ended++;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await locker.query('ROLLBACK');
      outcome = await run;
    } finally {
      await locker.end();
    }
    const stages = await db.message.findMany({ where: { id: { in: created } }, select: { stage: true } });
    return {
      ...outcome,
      ended,
      stages: stages.map((m) => m.stage),
      quarantine: await listQuarantine(db),
      deps,
    };
  }

  it('leaves the batch waiting, quarantines nothing, and stores it once the server is back', async () => {
    const r = await processDuringOutage(() => true);
    // The store's failure goes up to the caller; nothing was stored and nothing quarantined.
    expect(r.report).toBeNull();
    expect(String(r.err)).toMatch(/terminat/i);
    expect(r.ended).toBeGreaterThan(1);
    expect(r.quarantine).toEqual([]);
    expect(r.stages).toEqual(['received', 'received', 'received']);
    // The server is back: the next run (a pass, the sweep or a restart) stores them.
    expect(await processPending(r.deps)).toEqual({ processed: 3, quarantined: 0, alreadyProcessed: 0 });
  }, 60_000);

  it('stores the batch in the same run when the server is back within seconds', async () => {
    // One session ended, then the lock let go: a restart of the server, say.
    const r = await processDuringOutage((ended) => ended === 0);
    expect(r.err).toBeNull();
    expect(r.report).toEqual({ processed: 3, quarantined: 0, alreadyProcessed: 0 });
    expect(r.quarantine).toEqual([]);
  }, 60_000);
});
