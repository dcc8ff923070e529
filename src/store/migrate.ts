/**
 * Applies the committed migrations (prisma/migrations/<provider>/<name>/migration.sql) in name
 * order, each in its own transaction, recording them in Prisma's own `_prisma_migrations`
 * table so the history stays readable by Prisma tooling. Prisma's `migrate deploy` needs a
 * native engine that cannot be downloaded on offline machines; this runner needs none.
 *
 * Concurrency: two processes starting at once serialise on a lock (PostgreSQL advisory lock,
 * SQLite BEGIN IMMEDIATE), and each re-reads the history after taking it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describeError, TrademailError } from '../errors.ts';
import { postgres } from '../lazy-packages.ts';
import { REPO_ROOT } from '../paths.ts';
import type { DatabaseTarget } from './database-url.ts';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
  /** applied migrations whose file changed since (reported, not re-run) */
  modified: string[];
}

/** The lock key Prisma itself uses, so our runner and Prisma tooling never migrate at once. */
const PG_LOCK_KEY = 72707369;

export function migrationsDir(provider: DatabaseTarget['provider']): string {
  return join(REPO_ROOT, 'prisma', 'migrations', provider);
}

export function readMigrations(provider: DatabaseTarget['provider']): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'migration.sql')))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface Applied {
  migration_name: string;
  checksum: string;
}

function plan(migrations: Migration[], applied: Applied[]): { todo: Migration[]; report: MigrationReport } {
  const done = new Map(applied.map((a) => [a.migration_name, a.checksum]));
  const todo = migrations.filter((m) => !done.has(m.name));
  const modified = migrations
    .filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum)
    .map((m) => m.name);
  return { todo, report: { applied: todo.map((m) => m.name), alreadyApplied: done.size, modified } };
}

function fail(name: string, cause: unknown): never {
  throw new TrademailError('DB_MIGRATION_FAILED', `migration ${name} failed: ${describeError(cause)}`, {
    cause,
  });
}

function migrateSqlite(file: string, migrations: Migration[]): MigrationReport {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    // WAL: readers never block the writer, and a killed process loses no committed transaction.
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
      "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const run = db.transaction(() => {
      const applied = db
        .prepare(
          'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
        )
        .all() as Applied[];
      const { todo, report } = plan(migrations, applied);
      for (const m of todo) {
        try {
          db.exec(m.sql);
        } catch (cause) {
          fail(m.name, cause);
        }
        db.prepare(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
        ).run(randomUUID(), m.checksum, new Date().toISOString(), m.name, new Date().toISOString());
      }
      return report;
    });
    return run.immediate();
  } finally {
    db.close();
  }
}

async function migratePostgres(
  connectionString: string,
  schema: string,
  migrations: Migration[],
): Promise<MigrationReport> {
  const client = new (postgres().Client)({ connectionString });
  try {
    await client.connect();
  } catch (cause) {
    throw new TrademailError('DB_UNREACHABLE', `cannot connect to PostgreSQL: ${describeError(cause)}`, {
      cause,
    });
  }
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<Applied>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const { todo, report } = plan(migrations, rows);
    for (const m of todo) {
      // The generated SQL targets "public" for CREATE SCHEMA only; tables are unqualified and
      // land in the search_path schema. The simple query protocol runs the multi-statement script.
      const sql = m.sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, '');
      try {
        await client.query('BEGIN');
        await client.query(sql);
        await client.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)',
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => undefined);
        fail(m.name, cause);
      }
    }
    return report;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PG_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export async function applyMigrations(target: DatabaseTarget): Promise<MigrationReport> {
  const migrations = readMigrations(target.provider);
  return target.provider === 'sqlite'
    ? migrateSqlite(target.file, migrations)
    : migratePostgres(target.connectionString, target.schema, migrations);
}
