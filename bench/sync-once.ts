/**
 * One `trademail sync --once` as a user runs it, into a fresh SQLite store migrated as
 * `trademail init` leaves it, with the product's default sync settings apart from `workers`:
 * its wall time from start to exit, its peak resident memory (VmHWM) and its CPU time, both
 * read from /proc every 20 ms while it runs (so the last few milliseconds of CPU are missed;
 * Linux only), and how many messages it left processed. Used by ingest-backfill.ts and
 * command-ab.ts; imported only by a bench's coordinating process.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { testConfigDocument, writeTestConfig } from '../tests/helpers/config.ts';
import { sqliteDatabase } from '../tests/helpers/db.ts';

export interface SyncOnceOptions {
  /** a checkout's bin/trademail.js */
  bin: string;
  /** node flags before the script */
  nodeArgs?: string[];
  /** the Dovecot user whose INBOX is synced (password "pw") */
  user: string;
  workers: number;
  host: string;
  port: number;
}

export interface SyncOnceRun {
  seconds: number;
  peakMb: number;
  cpuMs: number;
  processed: number;
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

export async function syncOnce(options: SyncOnceOptions): Promise<SyncOnceRun> {
  const database = sqliteDatabase();
  await (await database.open()).close();
  const config = writeTestConfig(
    testConfigDocument(
      { host: options.host, port: options.port } as Parameters<typeof testConfigDocument>[0],
      [{ name: 'bench', role: 'inquiries', user: options.user, password: 'pw' }],
      database.url,
      { sync: { workers: options.workers } },
    ),
  );
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), options.bin, '--config', config, 'sync', '--once'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let last = { peakMb: 0, cpuMs: 0 };
  const timer = setInterval(() => {
    // Both only grow; an exited process not yet reaped has no VmHWM line any more.
    const now = readProc(child.pid!);
    if (now) last = { peakMb: Math.max(last.peakMb, now.peakMb), cpuMs: Math.max(last.cpuMs, now.cpuMs) };
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`${options.bin}: sync --once exited with ${code}`);
  const store = await database.open();
  const processed = await store.db.message.count({ where: { stage: 'processed' } });
  await store.close();
  await database.drop();
  return { seconds, peakMb: last.peakMb, cpuMs: last.cpuMs, processed };
}
