/**
 * How a store tells another writer's work from a real failure, on both databases: a second
 * write of a unique fact (through Prisma's own queries, a raw statement, or the ingest's bulk
 * statements, which on SQLite run on better-sqlite3) is a unique violation, and a transaction
 * PostgreSQL fails to break a deadlock is a conflict worth running again.
 */
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/errors.ts';
import { insertRows } from '../../src/store/bulk-insert.ts';
import { transaction } from '../../src/store/direct-sqlite.ts';
import { isTransactionConflict, isUniqueViolation } from '../../src/store/write-conflicts.ts';
import { testDatabases } from '../helpers/db.ts';
import { useStore } from '../helpers/store-hooks.ts';

describe.each(testDatabases())('write conflicts (%o)', (make) => {
  const database = make();
  const store = useStore(database);

  it('recognises a duplicate written by Prisma, by a raw statement and by a bulk insert', async () => {
    await store.db.mailbox.create({ data: { name: 'twice', role: 'inquiries' } });
    const failures = [
      await store.db.mailbox.create({ data: { name: 'twice', role: 'inquiries' } }).catch((e: unknown) => e),
      await store.db.$executeRaw`INSERT INTO "Mailbox" ("name", "role") VALUES ('twice', 'inquiries')`.catch(
        (e: unknown) => e,
      ),
      await transaction(store.db, (tx) =>
        insertRows(tx, 'Mailbox', [{ name: 'twice', role: 'inquiries' }], { stamp: ['createdAt'] }),
      ).catch((e: unknown) => e),
    ];
    expect(failures.map((e) => e instanceof Error)).toEqual([true, true, true]);
    expect(failures.map(isUniqueViolation)).toEqual([true, true, true]);
    expect(failures.map(isTransactionConflict)).toEqual([false, false, false]);
    // Each says what failed on one line: Prisma's own messages begin with a blank line.
    for (const description of failures.map(describeError)) {
      expect(description).toMatch(/unique/i);
      expect(description).not.toContain('\n');
    }
  });

  it('recognises the transaction a deadlock failed; the other one goes through', async () => {
    const [a, b] = await Promise.all(
      ['left', 'right'].map((name) => store.db.mailbox.create({ data: { name, role: 'inquiries' } })),
    );
    // Each takes one row, waits until the other has taken the other row, then wants it.
    let taken = 0;
    const bothTaken = async () => {
      taken++;
      while (taken < 2) await new Promise((r) => setTimeout(r, 10));
    };
    const crossing = (first: number, second: number) =>
      store.db.$transaction(
        async (tx) => {
          await tx.$executeRaw`UPDATE "Mailbox" SET "address" = 'x' WHERE "id" = ${first}`;
          await Promise.race([bothTaken(), new Promise((r) => setTimeout(r, 500))]);
          await tx.$executeRaw`UPDATE "Mailbox" SET "address" = 'y' WHERE "id" = ${second}`;
        },
        { timeout: 20_000 },
      );
    const results = await Promise.allSettled([crossing(a!.id, b!.id), crossing(b!.id, a!.id)]);
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    // SQLite runs one transaction at a time, so the second simply waits; PostgreSQL fails one.
    expect(failed).toHaveLength(database.name === 'postgres' ? 1 : 0);
    for (const err of failed) {
      expect(isTransactionConflict(err)).toBe(true);
      expect(isUniqueViolation(err)).toBe(false);
    }
  });
});
