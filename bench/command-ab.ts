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
 * Defaults: this checkout only, short mail, no worker, three rounds. Mail kinds are those of
 * bench-mail.ts. Each run reports wall time from start to exit, the process's peak resident
 * memory (VmHWM) and its CPU time (read from /proc every 20 ms while it runs, so the last few
 * milliseconds are missed); Linux only. A run that leaves any message unprocessed fails.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testConfigDocument, writeTestConfig } from '../tests/helpers/config.ts';
import { sqliteDatabase } from '../tests/helpers/db.ts';
import { startDovecot } from '../tests/helpers/mailhost/index.ts';
import { benchMails } from './bench-mail.ts';

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

interface Run {
  msgPerSecond: number;
  peakMb: number;
  cpuMsPerMessage: number;
}

/** VmHWM in MB and utime + stime in ms of a running process, or null once it has gone. */
function readProc(pid: number): { peakMb: number; cpuMs: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (proc(5)), at 100 Hz
    return { peakMb: Number(status.match(/^VmHWM:\s+(\d+) kB/m)?.[1] ?? 0) / 1024, cpuMs: ticks * 10 };
  } catch {
    return null;
  }
}

async function syncOnce(
  bin: string,
  user: string,
  workers: number,
  host: string,
  port: number,
): Promise<Run> {
  const database = sqliteDatabase();
  await (await database.open()).close(); // migrated, as `trademail init` leaves it
  const config = writeTestConfig(
    testConfigDocument(
      { host, port } as Parameters<typeof testConfigDocument>[0],
      [{ name: 'bench', role: 'inquiries', user, password: 'pw' }],
      database.url,
      { sync: { workers } },
    ),
  );
  const t0 = performance.now();
  const child = spawn(process.execPath, [bin, '--config', config, 'sync', '--once'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let last = { peakMb: 0, cpuMs: 0 };
  const timer = setInterval(() => {
    // Both only grow; an exited process not yet reaped has no VmHWM line any more.
    const now = readProc(child.pid!);
    if (now) last = { peakMb: Math.max(last.peakMb, now.peakMb), cpuMs: Math.max(last.cpuMs, now.cpuMs) };
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`${bin}: sync --once exited with ${code}`);
  const store = await database.open();
  const processed = await store.db.message.count({ where: { stage: 'processed' } });
  await store.close();
  await database.drop();
  if (processed !== n) throw new Error(`${bin}: ${processed} of ${n} messages processed`);
  return { msgPerSecond: n / seconds, peakMb: last.peakMb, cpuMsPerMessage: last.cpuMs / n };
}

const dovecot = await startDovecot({ users: kinds.map((kind) => ({ name: `ab-${kind}`, password: 'pw' })) });
const results = new Map<string, Run[]>();
try {
  for (const kind of kinds) await dovecot.writeMaildirMessages(`ab-${kind}`, 'INBOX', benchMails(kind, n));
  for (let round = 1; round <= rounds; round++) {
    for (const kind of kinds) {
      for (const workers of workerCounts) {
        for (const { name, bin } of bins) {
          const run = await syncOnce(bin, `ab-${kind}`, workers, dovecot.host, dovecot.port);
          const key = `${kind}, ${workers} worker(s), ${name}`;
          results.set(key, [...(results.get(key) ?? []), run]);
          console.log(
            `round ${round}: ${key}: ${run.msgPerSecond.toFixed(0)} msg/s, peak ${run.peakMb.toFixed(0)} MB, CPU ${run.cpuMsPerMessage.toFixed(2)} ms/msg`,
          );
        }
      }
    }
  }
} finally {
  await dovecot.stop();
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
