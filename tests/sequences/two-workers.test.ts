/**
 * Two scheduler+sender processes against one PostgreSQL database with a few thousand due steps:
 * they compete for the same enrollments and outbox rows, and every step must reach the SMTP
 * server exactly once (counted by Message-ID at the server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSequences } from '../../src/sequences/engine/index.ts';
import type { Store } from '../../src/store/client.ts';
import { postgresDatabase, postgresReachable } from '../helpers/db.ts';
import type { ChildConfig } from './children/ipc.ts';
import { type RecordingSink, startRecordingSink } from './children/recording-sink.ts';
import { spawnEngineChild } from './children/spawn.ts';
import { seedDueEnrollments, senderMailbox, sequenceDef } from './fixtures.ts';

const STEPS = 2000;
const NOW = new Date('2025-03-03T09:00:00Z'); // Monday 10:00 in Berlin: the German leads' window is open

const pgUp = await postgresReachable();
if (!pgUp) console.warn('NOTICE: PostgreSQL not reachable: the two-process sequence suite is skipped');

describe.skipIf(!pgUp)('two engine processes on PostgreSQL', () => {
  const database = postgresDatabase();
  let store: Store;
  let sink: RecordingSink;

  beforeAll(async () => {
    [store, sink] = await Promise.all([database.open(), startRecordingSink()]);
    await syncSequences(store.db, [sequenceDef('single', 1)]);
    await seedDueEnrollments(store.db, 'single', STEPS, NOW);
  });
  afterAll(async () => {
    await store?.close();
    await database.drop();
    await sink?.stop();
  });

  it(`sends each of ${STEPS} due steps exactly once`, { timeout: 300_000 }, async () => {
    // Copies to Sent are off here; IMAP is never contacted.
    const mailbox = senderMailbox(sink);
    const base: Omit<ChildConfig, 'worker'> = {
      dbUrl: database.url,
      mailbox,
      copyToSent: false,
      schedule: true,
      waitForGo: true,
      clockBase: NOW.toISOString(),
    };
    const children = [
      spawnEngineChild({ ...base, worker: 'engine-1' }, sink),
      spawnEngineChild({ ...base, worker: 'engine-2' }, sink),
    ];
    await Promise.all(children.map((c) => c.ready));
    const started = performance.now();
    for (const c of children) c.go();
    const results = await Promise.all(children.map((c) => c.finished));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `two processes on PostgreSQL: ${STEPS} steps queued+sent in ${seconds.toFixed(1)} s ` +
        `(${Math.round(STEPS / seconds)} steps/s); queued ${results.map((r) => r?.queued).join(' + ')}, ` +
        `sent ${results.map((r) => r?.sent).join(' + ')}`,
    );
    for (const r of results) {
      expect(r).not.toBeNull();
      expect(r!.errors).toEqual([]);
      // Both really competed for the work.
      expect(r!.queued).toBeGreaterThan(0);
      expect(r!.sent).toBeGreaterThan(0);
    }
    expect(results.reduce((n, r) => n + r!.queued, 0)).toBe(STEPS);
    expect(results.reduce((n, r) => n + r!.sent, 0)).toBe(STEPS);

    expect(sink.messages).toHaveLength(STEPS);
    expect(sink.messageIds().size).toBe(STEPS);
    const rows = await store.db.outboundMail.groupBy({ by: ['state'], _count: { _all: true } });
    expect(rows.map((r) => [r.state, r._count._all])).toEqual([['sent', STEPS]]);
    const ids = (await store.db.outboundMail.findMany({ select: { messageId: true } })).map(
      (r) => r.messageId,
    );
    expect(ids.every((id) => sink.messageIds().has(id))).toBe(true);
    const enrollments = await store.db.enrollment.groupBy({ by: ['state'], _count: { _all: true } });
    expect(enrollments.map((r) => [r.state, r._count._all])).toEqual([['completed', STEPS]]);
  });
});
