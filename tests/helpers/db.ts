/**
 * Fresh databases for store tests: every test file gets its own SQLite file and its own
 * PostgreSQL schema on the machine's server (127.0.0.1:5432, user postgres). The same cases
 * run against both. Without PostgreSQL the Postgres half fails in CI (CI=true) and is skipped
 * with a notice elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/client.ts';

export const PG_SERVER_URL =
  process.env.TRADEMAIL_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_SERVER_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgAvailable = await postgresReachable();
if (!pgAvailable) {
  if (process.env.CI === 'true') {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_SERVER_URL}; CI requires it (start it with pg_ctlcluster ... main start)`,
    );
  }
  console.warn(
    `NOTICE: PostgreSQL not reachable at ${PG_SERVER_URL}: the PostgreSQL half of the store tests is skipped`,
  );
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  url: string;
  /** opens (and migrates) the store */
  open(): Promise<Store>;
  drop(): Promise<void>;
}

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'tm-db-'));
  const url = `file:${join(dir, 'test.db')}`;
  return {
    name: 'sqlite',
    url,
    open: () => openStore(url),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function postgresDatabase(): TestDatabase {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = `${PG_SERVER_URL}?schema=${schema}`;
  return {
    name: 'postgres',
    url,
    open: () => openStore(url),
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_SERVER_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** The databases a store suite runs against: both where PostgreSQL is up. */
export function testDatabases(): Array<() => TestDatabase> {
  return pgAvailable ? [sqliteDatabase, postgresDatabase] : [sqliteDatabase];
}
