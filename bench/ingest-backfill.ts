/**
 * Backfill throughput: a 10,000-message mailbox in a private Dovecot, synced by the full
 * pipeline (fetch -> store raw -> parse -> classify -> extract -> rank -> store) into a fresh
 * SQLite store, against a baseline measured in the same run: a plain imapflow fetch of the
 * same mailbox with mailparser parsing each message and nothing else.
 *
 * Each phase runs in a child process of its own, so each peak RSS is that phase's alone (in
 * one process the second phase would inherit the first one's heap). Each phase imports only
 * what it runs: the baseline's process holds imapflow, mailparser and tsx, not trademail.
 *
 *   node --import tsx bench/ingest-backfill.ts [messages=10000] [workers=0]
 *
 * BENCH_MAIL=5kb uses a 5 KB inquiry per message instead of the short generated ones;
 * BENCH_MAIL=unique the short ones with a word of their own each, so that language detection
 * reads a different text for each, as with real mail (see withOwnWord).
 * BENCH_MAIL=attachments gives each short inquiry a 300 KB attachment of random bytes, like the
 * drawings and catalogues buyers send (run it with fewer messages: 2000 are 800 MB).
 * BENCH_PROFILE=<dir> writes a CPU profile of each phase, the command's included (and of each
 * worker thread), there.
 * BENCH_NODE_FLAGS='--max-old-space-size=192' runs the pipeline and command phases with those Node
 * flags (as NODE_OPTIONS would for a user's trademail). The command phase starts with
 * bin/heap.js's settings unless the flags name their own; the pipeline phase has none.
 *
 * A third phase runs the command a user runs, `trademail sync --once` (bin/trademail.js, so
 * the bundle when it is current), with the product's default sync settings: its time runs
 * from start to exit, start-up included, and its peak RSS is the process's high-water mark.
 * BENCH_COMMAND_BIN=<path to another checkout's bin/trademail.js> times that one instead.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';

interface PhaseResult {
  seconds: number;
  /** CPU time of the whole process (worker threads included) over the timed part, in ms. */
  cpuMs: number;
  peakRssMb: number;
  /** The heap still in use after a full collection at the end: what the phase really keeps. */
  liveHeapMb: number;
  rssAt: { messages: number; rssMb: number }[];
  count: number;
  /** SQLite statements run over the timed part (pipeline phase only). */
  statements?: number;
}

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const nodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
const profileFlags = process.env.BENCH_PROFILE
  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
  : [];

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function liveHeapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().heapUsed);
}

function sampleRss() {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop: () => {
      clearInterval(timer);
      return mb(Math.max(peak, process.memoryUsage().rss));
    },
  };
}

async function baselinePhase(host: string, port: number): Promise<PhaseResult> {
  const rss = sampleRss();
  const client = new ImapFlow({
    host,
    port,
    secure: false,
    auth: { user: 'bench', pass: 'pw' },
    logger: false,
  });
  await client.connect();
  await client.mailboxOpen('INBOX', { readOnly: true });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let count = 0;
  for await (const msg of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
    await simpleParser(msg.source!);
    count++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = cpuSince(cpu0);
  await client.logout();
  return { seconds, cpuMs, peakRssMb: rss.stop(), liveHeapMb: liveHeapMb(), rssAt: [], count };
}

/**
 * Counts the statements every better-sqlite3 connection of this process runs from now on: a
 * counter on the prepared statement's methods, a few thousand increments in a whole run.
 */
async function countStatements(): Promise<() => number> {
  const { default: Database } = await import('better-sqlite3');
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  let count = 0;
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statement[method] as (...args: unknown[]) => unknown;
    statement[method] = function (this: unknown, ...args: unknown[]) {
      count++;
      return original.apply(this, args);
    };
  }
  return () => count;
}

async function pipelinePhase(host: string, port: number, n: number, workers: number): Promise<PhaseResult> {
  const rss = sampleRss();
  const statements = await countStatements();
  const { batchProcessor } = await import('../src/ingest/processor.ts');
  const { syncFolderPass } = await import('../src/ingest/sync/folder-sync.ts');
  const { createUnderstandPool } = await import('../src/ingest/workers/understand-pool.ts');
  const { silentLogger } = await import('../src/log/logger.ts');
  const { connectImap } = await import('../src/mail/imap.ts');
  const { ensureFolder, ensureMailbox } = await import('../src/store/ingest/folders.ts');
  const { testConfig } = await import('../tests/helpers/config.ts');
  const { sqliteDatabase } = await import('../tests/helpers/db.ts');
  const rssAt: PhaseResult['rssAt'] = [];
  const database = sqliteDatabase();
  const store = await database.open();
  const config = testConfig(
    { host, port } as Parameters<typeof testConfig>[0],
    [{ name: 'bench', role: 'inquiries', user: 'bench', password: 'pw' }],
    database.url,
  );
  const pool = createUnderstandPool({ size: workers });
  const mailboxId = await ensureMailbox(store.db, { name: 'bench', role: 'inquiries' });
  const cursor = await ensureFolder(store.db, mailboxId, 'INBOX');
  const client = await connectImap(config.mailboxes[0]!.imap, false);
  const now = () => new Date();
  const deps = { db: store.db, config, log: silentLogger, now, understand: pool };
  const processor = batchProcessor(deps);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const statements0 = statements();
  const result = await syncFolderPass(client, 'INBOX', cursor, {
    db: store.db,
    log: silentLogger,
    now,
    batchSize: config.sync.batchSize,
    afterBatch: async (ids) => void (await processor.submit(ids)),
    onProgress: (done) => {
      if ([n / 4, n / 2, n].includes(done))
        rssAt.push({ messages: done, rssMb: mb(process.memoryUsage().rss) });
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpuMs = cpuSince(cpu0);
  const statementCount = statements() - statements0;
  const live = liveHeapMb();
  await client.logout();
  await pool.close();
  const processed = await store.db.message.count({ where: { stage: 'processed' } });
  await store.close();
  await database.drop();
  if (processed !== result.fetched) throw new Error(`processed ${processed} of ${result.fetched}`);
  return {
    seconds,
    cpuMs,
    peakRssMb: rss.stop(),
    liveHeapMb: live,
    rssAt,
    count: processed,
    statements: statementCount,
  };
}

/** `trademail sync --once` against the bench mailbox (sync-once.ts). */
async function commandPhase(host: string, port: number, workers: number): Promise<PhaseResult> {
  const { syncOnce } = await import('./sync-once.ts');
  // BENCH_COMMAND_BIN runs another checkout's command, to compare versions on the same mailbox.
  const bin = process.env.BENCH_COMMAND_BIN || join(import.meta.dirname, '..', 'bin', 'trademail.js');
  const run = await syncOnce({
    bin,
    nodeArgs: [...profileFlags, ...nodeFlags],
    user: 'bench',
    workers,
    host,
    port,
  });
  return {
    seconds: run.seconds,
    cpuMs: Number.NaN,
    peakRssMb: Math.round(run.peakMb),
    liveHeapMb: Number.NaN,
    rssAt: [],
    count: run.processed,
  };
}

const [mode, ...args] = process.argv.slice(2);
if (mode === '--phase') {
  const [phase, host, port, n, workers] = args as [string, string, string, string, string];
  const result =
    phase === 'baseline'
      ? await baselinePhase(host, Number(port))
      : await pipelinePhase(host, Number(port), Number(n), Number(workers));
  console.log(JSON.stringify(result));
} else {
  const n = Number(mode ?? 10_000);
  const workers = Number(args[0] ?? 0);
  const { startDovecot } = await import('../tests/helpers/mailhost/index.ts');
  const { benchMails } = await import('./bench-mail.ts');
  const dovecot = await startDovecot({ users: [{ name: 'bench', password: 'pw' }] });
  try {
    const raws = benchMails(process.env.BENCH_MAIL ?? 'short', n);
    const megabytes = raws.reduce((s, r) => s + Buffer.byteLength(r), 0) / 2 ** 20;
    await dovecot.writeMaildirMessages('bench', 'INBOX', raws);
    const phase = (name: string): PhaseResult =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [
            ...profileFlags,
            ...(name === 'pipeline' ? nodeFlags : []),
            '--expose-gc',
            '--import',
            'tsx',
            fileURLToPath(import.meta.url),
            '--phase',
            name,
            dovecot.host,
            String(dovecot.port),
            String(n),
            String(workers),
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
        )
          .trim()
          .split('\n')
          .at(-1)!,
      );
    const baseline = phase('baseline');
    const pipeline = phase('pipeline');
    const command = await commandPhase(dovecot.host, dovecot.port, workers);
    if (command.count !== n) throw new Error(`trademail sync --once processed ${command.count} of ${n}`);
    const line = (label: string, r: PhaseResult) =>
      `${label} ${(n / r.seconds).toFixed(0)} msg/s, ${(megabytes / r.seconds).toFixed(2)} MB/s, peak RSS ${r.peakRssMb} MB, live heap after GC ${r.liveHeapMb} MB`;
    console.log(
      `messages: ${n} (${megabytes.toFixed(1)} MB); pipeline with ${workers} understanding worker(s)`,
    );
    console.log(line('baseline (imapflow fetch + mailparser):', baseline));
    console.log(line('pipeline (fetch..store, SQLite):       ', pipeline));
    console.log(
      `trademail sync --once (start to exit):  ${(n / command.seconds).toFixed(0)} msg/s, ${(megabytes / command.seconds).toFixed(2)} MB/s, peak RSS ${command.peakRssMb} MB`,
    );
    console.log(`ratio pipeline/baseline throughput: ${(baseline.seconds / pipeline.seconds).toFixed(2)}`);
    console.log(`ratio sync --once/baseline throughput: ${(baseline.seconds / command.seconds).toFixed(2)}`);
    // CPU per message varies less than wall time on a shared machine (Dovecot's own is not in it).
    const cpu = (r: PhaseResult) => r.cpuMs / n;
    console.log(
      `CPU per message (this process, threads included): pipeline ${cpu(pipeline).toFixed(3)} ms, baseline ${cpu(baseline).toFixed(3)} ms, ratio ${(cpu(pipeline) / cpu(baseline)).toFixed(2)}`,
    );
    console.log(
      `SQLite statements per message (pipeline, batched): ${(pipeline.statements! / n).toFixed(2)}`,
    );
    console.log(
      `RSS during the pipeline: ${pipeline.rssAt.map((r) => `${r.messages} msgs ${r.rssMb} MB`).join(', ')}`,
    );
  } finally {
    await dovecot.stop();
  }
}
