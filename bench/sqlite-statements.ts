/**
 * Small Prisma queries on SQLite through the upstream driver adapter and through the store's
 * (src/store/sqlite-adapter.ts), in the same run on the same file: `pairs` times a findUnique
 * by id and an update of that row (so 2 x pairs queries), one after the other as a backfill
 * issues them. The store's adapter is measured with and without its statement cache, to
 * separate the cost of its lock from the gain of not compiling SQL per query. Each variant runs
 * once to warm up, then ROUNDS times interleaved with the others; prints the best round of each
 * as queries per second of wall time and per second of this process' CPU time (steadier when
 * other processes share the cores), and the ratios to upstream.
 *
 *   node --import tsx bench/sqlite-statements.ts [pairs=10000]
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../generated/sqlite/client.ts';
import type { Db } from '../src/store/client.ts';
import { serialisedSqlite } from '../src/store/sqlite-adapter.ts';
import { sqliteDatabase } from '../tests/helpers/db.ts';

const PAIRS = Number(process.argv[2] ?? 10_000);
const ROWS = 1000;
const ROUNDS = 5;

const database = sqliteDatabase();
const seeded = await database.open();
await seeded.db.suppression.createMany({
  data: Array.from({ length: ROWS }, (_, i) => ({ address: `s${i}@bench.example`, reason: 'manual' })),
});
const ids = (await seeded.db.suppression.findMany({ select: { id: true } })).map((s) => s.id);
await seeded.close();

const file = database.url.replace(/^file:/, '');
const upstream = (): SqlMigrationAwareDriverAdapterFactory =>
  new PrismaBetterSqlite3({ url: file, timeout: 15_000 });
const variants: Array<{ name: string; adapter: SqlMigrationAwareDriverAdapterFactory }> = [
  { name: 'upstream adapter', adapter: upstream() },
  { name: 'store adapter, no statement cache', adapter: serialisedSqlite(upstream(), { statementCache: 0 }) },
  { name: 'store adapter', adapter: serialisedSqlite(upstream()) },
];
const clients = new Map<string, Db>();
for (const v of variants) {
  const db = new PrismaClient({ adapter: v.adapter });
  // As openStore sets it: without it every update waits for an fsync and hides the rest.
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  clients.set(v.name, db);
}

interface Rate {
  wall: number;
  cpu: number;
}

async function round(db: Db): Promise<Rate> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < PAIRS; i++) {
    const id = ids[i % ids.length]!;
    const row = await db.suppression.findUnique({ where: { id } });
    await db.suppression.update({ where: { id }, data: { detail: `${row!.address} ${i}` } });
  }
  const used = process.cpuUsage(cpu);
  return {
    wall: (2 * PAIRS) / ((performance.now() - started) / 1000),
    cpu: (2 * PAIRS) / ((used.user + used.system) / 1e6),
  };
}

const best = new Map<string, Rate>();
for (const v of variants) await round(clients.get(v.name)!);
for (let r = 0; r < ROUNDS; r++) {
  for (const v of variants) {
    const rate = await round(clients.get(v.name)!);
    const seen = best.get(v.name) ?? { wall: 0, cpu: 0 };
    best.set(v.name, { wall: Math.max(seen.wall, rate.wall), cpu: Math.max(seen.cpu, rate.cpu) });
  }
}

const base = best.get('upstream adapter')!;
const column = (n: number) => Math.round(n).toString().padStart(7);
console.log(`${2 * PAIRS} queries per round (findUnique by id + update), best of ${ROUNDS}:`);
console.log(`  ${''.padEnd(34)} queries/s wall   ratio   queries/CPU-s   ratio`);
for (const v of variants) {
  const rate = best.get(v.name)!;
  console.log(
    `  ${v.name.padEnd(34)} ${column(rate.wall)}        x${(rate.wall / base.wall).toFixed(2)}   ${column(rate.cpu)}         x${(rate.cpu / base.cpu).toFixed(2)}`,
  );
}
for (const db of clients.values()) await db.$disconnect();
await database.drop();
