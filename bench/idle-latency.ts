/**
 * IDLE latency: from the end of an IMAP APPEND to the message stored and processed, over 20
 * trials, with the live folder watcher (IDLE, RFC 2177) that `trademail run` uses. Dovecot
 * itself delays IDLE notifications by a fixed 500 ms.
 *
 *   node --import tsx bench/idle-latency.ts [trials=20]
 */
import { startMailboxSync } from '../src/ingest/sync/mailbox-sync.ts';
import { silentLogger } from '../src/log/logger.ts';
import { testConfig } from '../tests/helpers/config.ts';
import { sqliteDatabase } from '../tests/helpers/db.ts';
import { startDovecot } from '../tests/helpers/mailhost/index.ts';
import { inquiryMessage } from '../tests/helpers/messages.ts';

const TRIALS = Number(process.argv[2] ?? 20);
const dovecot = await startDovecot({ users: [{ name: 'idle', password: 'pw' }] });
const database = sqliteDatabase();
const store = await database.open();
const config = testConfig(
  dovecot,
  [{ name: 'idle', role: 'inquiries', user: 'idle', password: 'pw' }],
  database.url,
);
const sync = await startMailboxSync(config.mailboxes[0]!, {
  config,
  db: store.db,
  log: silentLogger,
  now: () => new Date(),
});
await sync.firstPass;
const latencies: number[] = [];
try {
  for (let i = 0; i < TRIALS; i++) {
    await new Promise((r) => setTimeout(r, 300));
    await dovecot.appendMessage('idle', 'INBOX', inquiryMessage(90_000 + i));
    const t0 = performance.now();
    for (;;) {
      const m = await store.db.message.findFirst({
        where: { messageId: `<inq-${90_000 + i}@importer.test>`, stage: 'processed' },
      });
      if (m) break;
      if (performance.now() - t0 > 30_000) throw new Error(`trial ${i}: not stored within 30 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
    latencies.push(performance.now() - t0);
  }
} finally {
  await sync.stop();
  await store.close();
  await database.drop();
  await dovecot.stop();
}
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
console.log(
  `IDLE latency over ${TRIALS} trials (APPEND -> stored and processed): median ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
);
console.log("of which Dovecot's fixed IDLE notification delay: 500 ms");
