/**
 * What counts as the store's own failure (unavailable.ts), told from errors the real drivers
 * raise: a PostgreSQL server that does not answer, SQLite's write lock held by another
 * connection past the busy timeout, against a failure of the data (a unique violation).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TrademailError } from '../../src/errors.ts';
import { createClient } from '../../src/store/client.ts';
import { parseDatabaseUrl } from '../../src/store/database-url.ts';
import { isStoreUnavailable } from '../../src/store/unavailable.ts';

async function failureOf(work: () => unknown): Promise<unknown> {
  try {
    await work();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
}

describe('isStoreUnavailable', () => {
  it('is true for a PostgreSQL server that does not answer, through Prisma, and wrapped', async () => {
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const db = await createClient(parseDatabaseUrl('postgresql://postgres@127.0.0.1:1/postgres?schema=x'));
    try {
      const err = await failureOf(() => db.lead.count());
      expect(isStoreUnavailable(err)).toBe(true);
      expect(isStoreUnavailable(new TrademailError('STORE_FAILED', 'stored nothing', { cause: err }))).toBe(
        true,
      );
    } finally {
      await db.$disconnect();
    }
  });

  it("is true for pg's words for a lost connection, as they are or inside Prisma's message", () => {
    // pg and pg-pool raise these without a code (pg/lib/client.js, pg-pool/index.js).
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    const wrapped = new Error(
      '\nInvalid `tx.lead.create()` invocation:\n\n\nConnection terminated unexpectedly',
    );
    expect(isStoreUnavailable(wrapped)).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly, said the buyer'))).toBe(false);
  });

  it("is true for SQLite's write lock held past the busy timeout, false for a unique violation", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-unavailable-'));
    const file = join(dir, 'lock.db');
    const holder = new Database(file);
    const other = new Database(file, { timeout: 0 });
    try {
      holder.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
      holder.exec('BEGIN IMMEDIATE');
      const busy = await failureOf(() => other.exec('INSERT INTO t VALUES (1)'));
      expect((busy as { code?: string }).code).toBe('SQLITE_BUSY');
      expect(isStoreUnavailable(busy)).toBe(true);
      holder.exec('INSERT INTO t VALUES (1)');
      holder.exec('COMMIT');
      const duplicate = await failureOf(() => other.exec('INSERT INTO t VALUES (1)'));
      expect(isStoreUnavailable(duplicate)).toBe(false);
      expect(isStoreUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    } finally {
      holder.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
