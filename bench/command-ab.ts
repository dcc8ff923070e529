/**
 * Versions back to back: `trademail sync --once` of the same Dovecot mailbox by each given
 * checkout's command, in interleaved rounds, each into a fresh SQLite store. On a shared
 * machine the speed drifts by a third from one minute to the next, so two versions are only
 * comparable run beside each other, several times; this prints every run and then the range
 * of each variant.
 *
 *   AB_BINS='then=/path/to/other/checkout/bin/trademail.js,now=bin/trademail.js' \
 *   AB_MAIL=short,5kb AB_WORKERS=0,1 AB_ROUNDS=3 node --import tsx bench/command-ab.ts [10000]
 *
 * AB_DB=sqlite,postgres runs each variant on both stores (PostgreSQL: the server on
 * 127.0.0.1:5432, whose own CPU and memory are not counted).
 *
 * Defaults: this checkout only, short mail, no worker, SQLite, three rounds. Mail kinds are
 * those of bench-mail.ts. Each run (sync-once.ts) reports wall time from start to exit, the process's
 * peak resident memory and its CPU time, also split by thread. A run that leaves any message
 * unprocessed fails.
 */
import { join } from 'node:path';
import { startDovecot } from '../tests/helpers/mailhost/index.ts';
import { benchMails } from './bench-mail.ts';
import { syncOnce } from './sync-once.ts';

const n = Number(process.argv[2] ?? 10_000);
const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').filter(Boolean);
const bins = list(process.env.AB_BINS, `now=${join(import.meta.dirname, '..', 'bin', 'trademail.js')}`).map(
  (entry) => {
    const at = entry.indexOf('=');
    return at < 0 ? { name: entry, bin: entry } : { name: entry.slice(0, at), bin: entry.slice(at + 1) };
  },
);
const kinds = list(process.env.AB_MAIL, 'short');
const workerCounts = list(process.env.AB_WORKERS, '0').map(Number);
const rounds = Number(process.env.AB_ROUNDS ?? 3);
const databases = list(process.env.AB_DB, 'sqlite').map((db) => {
  if (db !== 'sqlite' && db !== 'postgres') throw new Error(`AB_DB: ${db} is neither sqlite nor postgres`);
  return db;
});

interface Run {
  msgPerSecond: number;
  peakMb: number;
  cpuMsPerMessage: number;
  /** CPU seconds: main thread, busiest other thread (the worker, if any), the other threads. */
  threadSeconds: [number, number, number];
}

async function run(
  bin: string,
  user: string,
  workers: number,
  database: 'sqlite' | 'postgres',
  host: string,
  port: number,
): Promise<Run> {
  const r = await syncOnce({ bin, user, workers, database, host, port });
  if (r.processed !== n) throw new Error(`${bin}: ${r.processed} of ${n} messages processed`);
  const { mainMs, busiestOtherMs, restMs } = r.threads;
  return {
    msgPerSecond: n / r.seconds,
    peakMb: r.peakMb,
    cpuMsPerMessage: r.cpuMs / n,
    threadSeconds: [mainMs / 1000, busiestOtherMs / 1000, restMs / 1000],
  };
}

const dovecot = await startDovecot({ users: kinds.map((kind) => ({ name: `ab-${kind}`, password: 'pw' })) });
const results = new Map<string, Run[]>();
try {
  for (const kind of kinds) await dovecot.writeMaildirMessages(`ab-${kind}`, 'INBOX', benchMails(kind, n));
  for (let round = 1; round <= rounds; round++) {
    for (const kind of kinds) {
      for (const workers of workerCounts) {
        for (const database of databases) {
          for (const { name, bin } of bins) {
            const result = await run(bin, `ab-${kind}`, workers, database, dovecot.host, dovecot.port);
            const key = `${kind}, ${workers} worker(s), ${database}, ${name}`;
            results.set(key, [...(results.get(key) ?? []), result]);
            console.log(
              `round ${round}: ${key}: ${result.msgPerSecond.toFixed(0)} msg/s, peak ${result.peakMb.toFixed(0)} MB, CPU ${result.cpuMsPerMessage.toFixed(2)} ms/msg (${threadText(result.threadSeconds)})`,
            );
          }
        }
      }
    }
  }
} finally {
  await dovecot.stop();
}

function threadText([main, busiest, rest]: Run['threadSeconds']): string {
  return `main thread ${main.toFixed(1)} s, busiest other ${busiest.toFixed(1)} s, the other threads ${rest.toFixed(1)} s`;
}

const range = (values: number[], digits = 0) =>
  `${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)}`;
console.log(`\n${n} messages, ${rounds} interleaved round(s):`);
for (const [key, runs] of results) {
  console.log(
    `${key}: ${range(runs.map((r) => r.msgPerSecond))} msg/s, peak ${range(runs.map((r) => r.peakMb))} MB, CPU ${range(
      runs.map((r) => r.cpuMsPerMessage),
      2,
    )} ms/msg`,
  );
}
