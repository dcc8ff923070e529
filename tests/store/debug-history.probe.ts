/**
 * Run by debug-history.test.ts in a process of its own (node --expose-gc --import tsx): runs a
 * raw query with a parameter no one else holds and reports, from heap snapshots, whether that
 * parameter outlives the query. Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { getHeapSnapshot } from 'node:v8';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../generated/sqlite/client.ts';
import { openStore } from '../../src/store/client.ts';
import { forgetRawQueries } from '../../src/store/debug-history.ts';

const [url] = process.argv.slice(2) as [string];

/** A parameter of about 80 KB; only its id is kept, so the value itself can be collected. */
const parameter = (id: string) => `mark${id}`.repeat(2000);

/** Whether a heap snapshot holds the parameter. The needle is made after the snapshot is taken. */
async function heapHolds(id: string): Promise<boolean> {
  (globalThis as { gc?: () => void }).gc!();
  const snapshot = getHeapSnapshot();
  const needle = `mark${id}mark`;
  let tail = '';
  for await (const chunk of snapshot) {
    const text = tail + String(chunk);
    if (text.includes(needle)) {
      snapshot.destroy();
      return true;
    }
    tail = text.slice(-needle.length);
  }
  return false;
}

async function query(db: { $queryRaw: PrismaClient['$queryRaw'] }, id: string): Promise<void> {
  await db.$queryRaw`SELECT length(${parameter(id)}) AS n`;
}

const store = await openStore(url);
const ours = randomUUID();
await query(store.db, ours);
const heldAfterQuery = await heapHolds(ours);
forgetRawQueries();
const heldAfterForget = await heapHolds(ours);
await store.close();

// SQLite: the same query through Prisma's own adapter, as it comes, whose debug history keeps it.
let upstreamHeldAfterForget: boolean | undefined;
if (url.startsWith('file:')) {
  const upstream = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: url.slice('file:'.length) }) });
  const theirs = randomUUID();
  await query(upstream, theirs);
  forgetRawQueries();
  upstreamHeldAfterForget = await heapHolds(theirs);
  await upstream.$disconnect();
}

console.log(JSON.stringify({ heldAfterQuery, heldAfterForget, upstreamHeldAfterForget }));
