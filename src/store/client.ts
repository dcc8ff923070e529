/**
 * Opens the Prisma client for the configured database through a driver adapter (no native
 * query engine: the query compiler runs as wasm inside @prisma/client). Both generated clients
 * expose the same models; code is typed against the SQLite one and uses only features both
 * providers have.
 */
import type { PrismaClient as SqliteClient } from '../../generated/sqlite/client.ts';
import { describeError, TrademailError } from '../errors.ts';
import { type DatabaseTarget, parseDatabaseUrl, redactUrl } from './database-url.ts';
import { withoutArgsHistory } from './debug-history.ts';
import { registerConnection, SqliteConnection } from './direct-sqlite.ts';
import { applyMigrations, type MigrationReport } from './migrate.ts';
import { serialisedSqlite } from './sqlite-adapter.ts';

export type Db = SqliteClient;

/** SQLite's page cache for the store's connection, in KiB (see openStore). */
const SQLITE_CACHE_KIB = 4000;

export interface Store {
  db: Db;
  target: DatabaseTarget;
  close(): Promise<void>;
}

/**
 * Only the generated client and the driver adapter of the configured provider are loaded:
 * each client carries its own query compiler, and the PostgreSQL adapter brings pg.
 */
export async function createClient(target: DatabaseTarget): Promise<Db> {
  if (target.provider === 'sqlite') {
    const { PrismaClient } = await import('../../generated/sqlite/client.ts');
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    // timeout: wait for another process' write lock instead of failing with SQLITE_BUSY.
    // serialisedSqlite: one connection per process, so a query of another async flow must not
    // run inside an open transaction (see sqlite-adapter.ts).
    // connection: the ingest's bulk statements run on its handle (direct-sqlite.ts).
    const connection = new SqliteConnection();
    const adapter = serialisedSqlite(
      withoutArgsHistory(new PrismaBetterSqlite3({ url: target.file, timeout: 15_000 })),
      { connection },
    );
    const db = new PrismaClient({ adapter });
    registerConnection(db, connection);
    return db;
  }
  const { PrismaClient } = await import('../../generated/postgres/client.ts');
  const { PrismaPg } = await import('@prisma/adapter-pg');
  // search_path: raw SQL (the bulk inserts of the ingest hot path) names tables unqualified;
  // model queries are qualified by the adapter's schema option anyway.
  const adapter = withoutArgsHistory(
    new PrismaPg(
      {
        connectionString: target.connectionString,
        max: 10,
        options: `-c search_path="${target.schema}"`,
      },
      { schema: target.schema },
    ),
  );
  return new PrismaClient({ adapter }) as unknown as Db;
}

/** Opens the store; with `migrate` (the default) pending migrations are applied first. */
export async function openStore(
  url: string,
  options: { migrate?: boolean } = {},
): Promise<Store & { migrations: MigrationReport | null }> {
  const target = parseDatabaseUrl(url);
  const migrations = options.migrate === false ? null : await applyMigrations(target);
  const db = await createClient(target);
  try {
    if (target.provider === 'sqlite') {
      // WAL is set by the migration runner and persists in the file. synchronous=NORMAL in WAL
      // mode keeps every committed transaction across a process crash (kill -9); only a power
      // loss can drop the last few, and it saves an fsync per commit.
      await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
      // better-sqlite3 builds SQLite with a 16 MB page cache per connection (SQLite's own default
      // is 2 MB), and a store that has grown fills it. Pages not cached are still in the
      // operating system's file cache. 4 MB took 14 MB off the peak of a 10,000-message
      // sync --once at the same speed (bench/ingest-backfill.ts).
      await db.$queryRawUnsafe(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`);
    }
    await db.$queryRawUnsafe('SELECT 1');
  } catch (cause) {
    await db.$disconnect().catch(() => undefined);
    throw new TrademailError('DB_UNREACHABLE', `cannot open ${redactUrl(url)}: ${describeError(cause)}`, {
      cause,
    });
  }
  return { db, target, migrations, close: () => db.$disconnect() };
}
