/**
 * The ingest hot path's bulk statements, run on SQLite without Prisma's raw-query layer.
 *
 * Prisma turns the parameters of every raw query into JSON text and back before the driver
 * adapter sees them (bytes as base64, dates as ISO text). With the multi-row statements of a
 * batch (the stored raw mail among them), Prisma's client was 18% of the main thread in a
 * profile of `sync --once` with one worker, more than SQLite spent running the statements;
 * with this path, 9%.
 *
 * Here a statement goes straight to the better-sqlite3 handle that Prisma's adapter holds, with
 * the adapter's own value mapping (mapArg in @prisma/adapter-better-sqlite3), so the rows are
 * the ones Prisma would have written. Only inside a transaction begun through `transaction()`
 * below, and only while that transaction is open: sqlite-adapter.ts lets one transaction at a
 * time hold the connection, from BEGIN to COMMIT, so a statement run on the handle then is part
 * of it. Everywhere else (PostgreSQL, a top-level query, a transaction begun elsewhere, one
 * already ended) the statement goes through Prisma as before. A failing statement throws
 * better-sqlite3's error rather than Prisma's; the ingest's callers treat both alike (the
 * batch is rolled back and stored message by message).
 */
import type Database from 'better-sqlite3';
import type { Prisma } from '../../generated/sqlite/client.ts';
import type { Db } from './client.ts';
import { forgetRawQueries } from './debug-history.ts';
import type { Tx } from './leads/upsert-lead.ts';

/** One SQLite connection as sqlite-adapter.ts sees it: its handle and its open transaction. */
export class SqliteConnection {
  database: Database.Database | null = null;
  /** A token for the transaction that holds the connection now; null when none does. */
  openTransaction: object | null = null;
}

const connections = new WeakMap<Db, SqliteConnection>();
const transactions = new WeakMap<Tx, { connection: SqliteConnection; token: object }>();

/** Called by createClient for a SQLite client. */
export function registerConnection(db: Db, connection: SqliteConnection): void {
  connections.set(db, connection);
}

/**
 * `db.$transaction(work, options)`, with the transaction's client marked as the holder of its
 * connection, so the bulk statements it runs can go straight to SQLite.
 */
export function transaction<T>(
  db: Db,
  work: (tx: Tx) => Promise<T>,
  options?: { timeout?: number; maxWait?: number },
): Promise<T> {
  const connection = connections.get(db);
  return db.$transaction(async (tx) => {
    // The adapter has begun this transaction and holds the lock for it: the token is its own.
    const token = connection?.openTransaction;
    if (connection && token) transactions.set(tx, { connection, token });
    return work(tx);
  }, options);
}

/** The handle to run on, if `db` is a transaction begun by transaction() and still open. */
export function directHandle(db: Tx | Db): Database.Database | null {
  const held = transactions.get(db as Tx);
  if (!held || held.connection.openTransaction !== held.token) return null;
  const database = held.connection.database;
  return database?.inTransaction ? database : null;
}

type Value = Prisma.Sql['values'][number];

/** The adapter's mapArg for the values Prisma.sql carries here. Most are text or numbers. */
function toSqlite(value: Value): unknown {
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'bigint') return value;
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) {
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  return value;
}

/** Prisma keeps the text of its recent raw queries; a bulk one is large (debug-history.ts). */
async function throughPrisma<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    forgetRawQueries();
  }
}

/** Rows changed. */
export async function executeBulk(db: Tx | Db, statement: Prisma.Sql): Promise<number> {
  const database = directHandle(db);
  if (!database) return throughPrisma(() => db.$executeRaw(statement));
  return database.prepare(statement.sql).bind(statement.values.map(toSqlite)).run().changes;
}

/**
 * The rows of a statement with RETURNING, as objects. Integers come back as numbers when they
 * fit (the connection returns them as bigint), as Prisma's adapter gives them, and text as
 * strings; the ingest returns nothing else (ids, hashes, addresses).
 */
export async function queryBulk<R>(db: Tx | Db, statement: Prisma.Sql): Promise<R[]> {
  const database = directHandle(db);
  if (!database) return throughPrisma(() => db.$queryRaw<R[]>(statement));
  // Raw mode (each row an array of column values): sqlite-adapter.ts's cached statements are
  // in it already, and a statement's mode must be set before it is bound.
  const query = database.prepare(statement.sql).raw(true).bind(statement.values.map(toSqlite));
  const names = query.columns().map((c) => c.name);
  return (query.all() as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const v = values[i];
      row[name] = typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v;
    });
    return row as R;
  });
}
