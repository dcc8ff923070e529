/**
 * The understand pool (parse -> classify -> extract in worker threads) against the same work
 * inline on the main thread (size 0), on generated buyer inquiries in batches of 100, in the
 * same run. Each pool size runs in a child process of its own, so each peak RSS (the whole
 * process: threads share it) is that size's alone.
 *
 * Two ways of feeding the pool: one batch at a time, awaited before the next (as
 * processPending does today), and two batches in flight (the main thread handing over the
 * next batch while one is understood, as it would while it stores). Main-thread busy time is
 * the event loop's active time: what the understanding leaves on the thread that fetches and
 * stores. Throughput is measured after an untimed warm-up pass; start-up (the first batch,
 * which loads the understanding modules in every worker) is reported apart.
 *
 *   node --import tsx bench/understand-pool.ts [messages=4000] [sizes=0,1,2]
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { staticUnderstandContext } from '../src/ingest/context.ts';
import type { UnderstandBatchInput, UnderstandOutcome } from '../src/ingest/workers/understand-batch.ts';
import { createUnderstandPool, type UnderstandPool } from '../src/ingest/workers/understand-pool.ts';
import { testConfig } from '../tests/helpers/config.ts';
import { inquiryMessage } from '../tests/helpers/messages.ts';

const N = Number(process.argv[2] ?? 4000);
const SIZES = (process.argv[3] ?? '0,1,2').split(',').map(Number);
const BATCH = 100;
const childSize = process.env.UNDERSTAND_POOL_BENCH_SIZE;

interface Run {
  msgPerS: number;
  mainBusyMsPerMsg: number;
  cpuMsPerMsg: number;
}

interface Result {
  size: number;
  startupMs: number;
  sequential: Run;
  twoInFlight: Run;
  understood: number;
  peakRssMb: number;
}

async function child(size: number): Promise<Result> {
  const config = testConfig(
    null,
    [{ name: 'bench', role: 'inquiries', user: 'bench', password: 'pw' }],
    'file:./data/bench-unused.db',
  );
  const context = staticUnderstandContext(config);
  const raws = Array.from({ length: N }, (_, i) => Buffer.from(inquiryMessage(i)));
  const batches: UnderstandBatchInput[] = [];
  for (let i = 0; i < N; i += BATCH) {
    batches.push({
      context,
      lookups: { ourMessageIds: [], sentThreads: [] },
      items: raws.slice(i, i + BATCH).map((raw) => ({ raw, role: 'inquiries', now: new Date() })),
    });
  }
  let understood = 0;
  const count = (outcomes: UnderstandOutcome[]) => {
    understood += outcomes.filter((o) => o.ok && o.message.understanding.kind === 'inquiry').length;
  };

  const t0 = performance.now();
  const pool = createUnderstandPool({ size });
  // The first batch pays for loading the modules in every worker.
  await pool.understand(batches[0]!);
  const startupMs = performance.now() - t0;
  // Throughput keeps rising over the first few thousand messages (JIT tiers, heap growth): a
  // whole untimed pass first, so every size is measured warm.
  for (const batch of batches) await pool.understand(batch);

  const measure = async (feed: (p: UnderstandPool) => Promise<void>): Promise<Run> => {
    const elu = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const start = performance.now();
    await feed(pool);
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    return {
      msgPerS: N / seconds,
      mainBusyMsPerMsg: performance.eventLoopUtilization(elu).active / N,
      cpuMsPerMsg: (used.user + used.system) / 1000 / N,
    };
  };
  const sequential = await measure(async (p) => {
    for (const batch of batches) count(await p.understand(batch));
  });
  const twoInFlight = await measure(async (p) => {
    let next = 0;
    const lane = async () => {
      while (next < batches.length) count(await p.understand(batches[next++]!));
    };
    await Promise.all([lane(), lane()]);
  });
  await pool.close();
  return {
    size,
    startupMs,
    sequential,
    twoInFlight,
    understood,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

if (childSize !== undefined) {
  console.log(JSON.stringify(await child(Number(childSize))));
} else {
  const results: Result[] = [];
  for (const size of SIZES) {
    const out = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), String(N)],
      {
        env: { ...process.env, UNDERSTAND_POOL_BENCH_SIZE: String(size) },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    if (out.status !== 0) throw new Error(`size ${size}: the child failed (${out.status ?? out.signal})`);
    results.push(JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Result);
  }
  const base = results.find((r) => r.size === 0);
  const ratio = (r: Run, b: Run | undefined) => (b ? ` (x${(r.msgPerS / b.msgPerS).toFixed(2)})` : '');
  const run = (r: Run, b: Run | undefined) =>
    `${r.msgPerS.toFixed(0)} msg/s${ratio(r, b)}, main thread ${r.mainBusyMsPerMsg.toFixed(3)} ms/msg, CPU ${r.cpuMsPerMsg.toFixed(3)} ms/msg`;
  console.log(`${N} generated inquiries, batches of ${BATCH}; ratios against size 0 (inline)`);
  for (const r of results) {
    console.log(
      `size ${r.size}: start-up ${r.startupMs.toFixed(0)} ms, peak RSS ${r.peakRssMb.toFixed(0)} MB, understood as inquiries ${r.understood / 2}/${N} per run`,
    );
    console.log(`  one batch at a time: ${run(r.sequential, base?.sequential)}`);
    console.log(`  two batches in flight: ${run(r.twoInFlight, base?.twoInFlight)}`);
  }
}
