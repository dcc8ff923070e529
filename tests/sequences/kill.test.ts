/**
 * kill -9 of the sender at random points: a child process sends queued steps to the SMTP sink
 * (with copies to a Dovecot Sent folder) and is SIGKILLed after a random delay, over and over; each
 * restart recovers (interrupted sends become uncertain, then are decided from the Sent folder or
 * the sink's record) and carries on. At the end the sink must have received every step exactly once.
 * On both databases, each with a Dovecot and a sink of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncSequences, tick } from '../../src/sequences/engine/index.ts';
import type { Store } from '../../src/store/client.ts';
import { testDatabases } from '../helpers/db.ts';
import { type DovecotHost, startDovecot } from '../helpers/mailhost/index.ts';
import type { ChildConfig, RecoveryStats } from './children/ipc.ts';
import { type RecordingSink, startRecordingSink } from './children/recording-sink.ts';
import { spawnEngineChild } from './children/spawn.ts';
import {
  plainRenderer,
  SENDER,
  seedDueEnrollments,
  seededRng,
  senderMailbox,
  sequenceDef,
  timing,
} from './fixtures.ts';

const STEPS = 400;
/** Up to this many kills; fewer (but at least MIN_TRIALS) when the machine is slow, to stay near a minute. */
const MAX_TRIALS = 20;
const MIN_TRIALS = 12;
const TRIAL_BUDGET_MS = 45_000;
/** Longest wait, after the sink saw this child's first mail, before the child is killed. */
const MAX_KILL_DELAY_MS = 60;
const NOW = new Date('2025-03-03T09:00:00Z');
const LILY = { name: 'lily', password: 'lily-secret' };

describe.each(testDatabases())('sender killed with SIGKILL at random points (%o)', (make) => {
  let dovecot: DovecotHost;
  let sink: RecordingSink;
  let store: Store;
  const database = make();

  beforeAll(async () => {
    [dovecot, sink, store] = await Promise.all([
      startDovecot({ users: [LILY] }),
      startRecordingSink(),
      database.open(),
    ]);
    await syncSequences(store.db, [sequenceDef('single', 1)]);
    await seedDueEnrollments(store.db, 'single', STEPS, NOW);
    const report = await tick(
      {
        db: store.db,
        worker: 'seed',
        render: plainRenderer,
        senders: () => SENDER,
        timing: timing(),
        batchSize: 100,
      },
      NOW,
      STEPS,
    );
    expect(report.outcomes.queued).toBe(STEPS);
  });

  afterAll(async () => {
    await store?.close();
    await database.drop();
    await sink?.stop();
    await dovecot?.stop();
  });

  it('delivers every step exactly once across tens of kills and restarts', { timeout: 300_000 }, async () => {
    const mailbox = senderMailbox(sink, {
      host: dovecot.host,
      port: dovecot.port,
      user: LILY.name,
      password: LILY.password,
    });
    const config: ChildConfig = {
      dbUrl: database.url,
      worker: 'kill-sender',
      mailbox,
      copyToSent: true,
      schedule: false,
      waitForGo: false,
      clockBase: NOW.toISOString(),
    };
    const rng = seededRng(20251124);
    const totals: RecoveryStats = { recovered: 0, bySentFolder: 0, bySubmissionLog: 0, requeued: 0 };
    const add = (s: RecoveryStats) => {
      for (const k of Object.keys(totals) as Array<keyof RecoveryStats>) totals[k] += s[k];
    };
    const started = performance.now();
    const trialMs: number[] = [];
    let killedMidWork = 0;
    let trials = 0;
    for (let trial = 0; trial < MAX_TRIALS; trial++) {
      if (trial >= MIN_TRIALS && performance.now() - started > TRIAL_BUDGET_MS) break;
      trials += 1;
      const t0 = performance.now();
      const child = spawnEngineChild(config, sink);
      add((await child.ready).stats);
      // Kill while mail is flowing: after this child's first mail reached the server, at a random moment.
      const flowing = await Promise.race([
        sink.waitFor(sink.messages.length + 1, 30_000).then(() => true),
        child.finished.then(() => false),
      ]);
      if (!flowing) break;
      await new Promise((r) => setTimeout(r, Math.floor(rng() * MAX_KILL_DELAY_MS)));
      child.process.kill('SIGKILL');
      if ((await child.finished) === null) killedMidWork += 1;
      trialMs.push(performance.now() - t0);
    }
    // The last run is left to finish.
    const last = spawnEngineChild(config, sink);
    add((await last.ready).stats);
    const done = await last.finished;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `kill -9: ${trials} kills (${killedMidWork} while mail was flowing) in ${seconds.toFixed(1)} s; ` +
        `recovered ${totals.recovered} interrupted sends: ${totals.bySentFolder} found in Sent, ` +
        `${totals.bySubmissionLog} in the submission log, ${totals.requeued} re-queued; sink got ${sink.messages.length}, ` +
        `${sink.resets} connections reset; median trial ${Math.round(trialMs.sort((a, b) => a - b)[trialMs.length >> 1] ?? 0)} ms`,
    );
    expect(done?.errors ?? ['no done message']).toEqual([]);

    const rows = await store.db.outboundMail.findMany({ select: { messageId: true, state: true } });
    expect(rows).toHaveLength(STEPS);
    expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
    // Exactly once at the server: as many messages as steps, one per Message-ID, none missing.
    expect(sink.messages).toHaveLength(STEPS);
    const received = sink.messageIds();
    expect(received.size).toBe(STEPS);
    for (const r of rows) expect(received.has(r.messageId)).toBe(true);
    // Every step has its copy in Sent, once.
    const client = await dovecot.connect(LILY.name);
    const inSent: string[] = [];
    try {
      const lock = await client.getMailboxLock('Sent');
      try {
        for await (const msg of client.fetch('1:*', { envelope: true }))
          inSent.push(msg.envelope?.messageId ?? '');
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
    expect(inSent.sort()).toEqual(rows.map((r) => r.messageId).sort());
    expect(trials).toBeGreaterThanOrEqual(MIN_TRIALS);
    expect(killedMidWork).toBe(trials);
    expect(totals.recovered).toBeGreaterThan(0);
  });
});
