/**
 * Due-step selection with 100,000 active enrollments, on SQLite and (when reachable) PostgreSQL:
 * the query each scheduler tick starts with (state = active, nextStepAt <= now, unclaimed,
 * ordered by priority then due time, one batch of 100). Two mixes: 1% of the enrollments due
 * (the normal case), and all of them due (a backlog after downtime: the priority sort then works
 * on every row). Prints the median and p90 of several ticks.
 * Run: node --import tsx bench/sequences-due.ts [count]
 */
import { syncSequences } from '../src/sequences/engine/index.ts';
import type { Db } from '../src/store/client.ts';
import { selectDueEnrollments } from '../src/store/sequences/claims.ts';
import {
  postgresDatabase,
  postgresReachable,
  sqliteDatabase,
  type TestDatabase,
} from '../tests/helpers/db.ts';
import { sequenceDef } from '../tests/sequences/fixtures.ts';

const COUNT = Number(process.argv[2] ?? 100_000);
const RUNS = 15;
const BATCH = 100;
const NOW = new Date('2025-03-03T09:00:00Z');
const DAY = 86_400_000;

/** `count` leads and active enrollments; `dueShare` of them due before NOW, the rest within 30 days after. */
async function seed(db: Db, count: number, dueShare: number): Promise<void> {
  const seq = await db.sequence.findUniqueOrThrow({ where: { name: 'bench' } });
  const chunk = 5000;
  let made = 0;
  while (made < count) {
    const n = Math.min(chunk, count - made);
    await db.lead.createMany({
      data: Array.from({ length: n }, (_, i) => ({ email: `due${made + i}@buyer.example`, country: 'DE' })),
    });
    const leads = await db.lead.findMany({
      where: { id: { gt: made } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: n,
    });
    await db.enrollment.createMany({
      data: leads.map((l, i) => {
        const k = made + i;
        // Spread deterministically: every (1/dueShare)-th enrollment is due, the rest are in the future.
        const due = k % Math.round(1 / dueShare) === 0;
        const at = due
          ? NOW.getTime() - ((k * 7919) % DAY)
          : NOW.getTime() + 60_000 + ((k * 7919) % (30 * DAY));
        return {
          leadId: l.id,
          sequenceId: seq.id,
          state: 'active',
          liveKey: `${l.id}:${seq.id}`,
          nextStepAt: new Date(at),
          priority: k % 4,
          createdAt: NOW,
        };
      }),
    });
    made += n;
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function measure(db: Db): Promise<{ median: number; p90: number; rows: number }> {
  const staleBefore = new Date(NOW.getTime() - 5 * 60_000);
  let rows = 0;
  for (let i = 0; i < 3; i++)
    rows = (await selectDueEnrollments(db, NOW, { limit: BATCH, staleBefore })).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await selectDueEnrollments(db, NOW, { limit: BATCH, staleBefore });
    times.push(performance.now() - t0);
  }
  return { median: percentile(times, 0.5), p90: percentile(times, 0.9), rows };
}

async function run(make: () => TestDatabase): Promise<void> {
  const database = make();
  const store = await database.open();
  const analyze = async () => {
    if (store.target.provider === 'postgres')
      await store.db.$executeRawUnsafe(`ANALYZE "${store.target.schema}"."Enrollment"`);
  };
  try {
    await syncSequences(store.db, [sequenceDef('bench', 5, 3)]);
    const t0 = performance.now();
    await seed(store.db, COUNT, 0.01);
    const seedS = (performance.now() - t0) / 1000;
    await analyze();
    const report = (share: string, r: { median: number; p90: number; rows: number }) =>
      console.log(
        `${database.name.padEnd(8)} ${COUNT} active, ${share} due: selection of ${r.rows} ` +
          `median ${r.median.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms (${RUNS} ticks; seeding took ${seedS.toFixed(0)} s)`,
      );
    report('1%', await measure(store.db));
    // A backlog: every enrollment due at once.
    await store.db.enrollment.updateMany({
      where: { state: 'active' },
      data: { nextStepAt: new Date(NOW.getTime() - 60_000) },
    });
    await analyze();
    report('100%', await measure(store.db));
  } finally {
    await store.close();
    await database.drop();
  }
}

const makers: Array<() => TestDatabase> = [sqliteDatabase];
if (await postgresReachable()) makers.push(postgresDatabase);
else console.log('PostgreSQL not reachable: SQLite only');
for (const make of makers) await run(make);
