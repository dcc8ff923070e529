/**
 * One `trademail sync --once` as a user runs it, into a fresh SQLite store (or, with
 * `database: 'postgres'`, a fresh database on the local PostgreSQL server) migrated as
 * `trademail init` leaves it, with the product's default sync settings apart from `workers`:
 * its wall time from start to exit, its peak resident memory (VmHWM) and its CPU time, both
 * read from /proc every 20 ms while it runs (so the last few milliseconds of CPU are missed;
 * Linux only), and how many messages it left processed. Its CPU is also split by thread: the
 * main thread, the busiest other thread (the understanding worker when there is one) and the
 * rest (V8's compiler and garbage-collection helpers, libuv's pool). On PostgreSQL the
 * server's own processes are not counted: memory and CPU are trademail's alone. Used by
 * ingest-backfill.ts and command-ab.ts; imported only by a bench's coordinating process.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { currentBundle } from '../bin/current-bundle.js';
import { testConfigDocument, writeTestConfig } from '../tests/helpers/config.ts';
import { postgresDatabase, sqliteDatabase } from '../tests/helpers/db.ts';

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
  /** the store: SQLite (the default) or the PostgreSQL server on 127.0.0.1:5432 */
  database?: 'sqlite' | 'postgres';
}

export interface SyncOnceRun {
  seconds: number;
  peakMb: number;
  cpuMs: number;
  /** CPU ms of the main thread, of the busiest other thread, and of all the others. */
  threads: { mainMs: number; busiestOtherMs: number; restMs: number };
  processed: number;
}

/** utime + stime in ms from a /proc stat file (proc(5)), counted at 100 Hz. */
function statCpuMs(path: string): number {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmHWM in MB, CPU in ms (whole process and per thread id) of a running process, or null once gone. */
function readProc(pid: number): { peakMb: number; cpuMs: number; threads: Map<string, number> } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const threads = new Map<string, number>();
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        threads.set(tid, statCpuMs(`/proc/${pid}/task/${tid}/stat`));
      } catch {
        // the thread ended between the listing and the read
      }
    }
    return {
      peakMb: Number(status.match(/^VmHWM:\s+(\d+) kB/m)?.[1] ?? 0) / 1024,
      cpuMs: statCpuMs(`/proc/${pid}/stat`),
      threads,
    };
  } catch {
    return null;
  }
}

function splitThreads(pid: number, threads: Map<string, number>): SyncOnceRun['threads'] {
  const mainMs = threads.get(String(pid)) ?? 0;
  const others = [...threads].filter(([tid]) => tid !== String(pid)).map(([, ms]) => ms);
  const busiestOtherMs = Math.max(0, ...others);
  const restMs = others.reduce((sum, ms) => sum + ms, 0) - busiestOtherMs;
  return { mainMs, busiestOtherMs, restMs };
}

/**
 * A checkout whose bundle is older than its sources runs them through tsx: slower and about
 * 65 MB larger, so its figures would be quietly wrong. It is refused instead.
 */
function requireCurrentBundle(bin: string): void {
  const root = dirname(dirname(resolve(bin)));
  if (currentBundle(root) === undefined) {
    throw new Error(`${bin}: its bundle is missing or older than its sources; run npm run build in ${root}`);
  }
}

export async function syncOnce(options: SyncOnceOptions): Promise<SyncOnceRun> {
  requireCurrentBundle(options.bin);
  const database = options.database === 'postgres' ? postgresDatabase() : sqliteDatabase();
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
  // A thread's last reading stays when it ends (a worker closes before the process exits).
  const threads = new Map<string, number>();
  const timer = setInterval(() => {
    // Both only grow; an exited process not yet reaped has no VmHWM line any more.
    const now = readProc(child.pid!);
    if (!now) return;
    last = { peakMb: Math.max(last.peakMb, now.peakMb), cpuMs: Math.max(last.cpuMs, now.cpuMs) };
    for (const [tid, ms] of now.threads) threads.set(tid, Math.max(threads.get(tid) ?? 0, ms));
  }, 20);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`${options.bin}: sync --once exited with ${code}`);
  const store = await database.open();
  const processed = await store.db.message.count({ where: { stage: 'processed' } });
  await store.close();
  await database.drop();
  return {
    seconds,
    peakMb: last.peakMb,
    cpuMs: last.cpuMs,
    threads: splitThreads(child.pid!, threads),
    processed,
  };
}
