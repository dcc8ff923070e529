/**
 * The SQLite store's driver adapter on a real database file: a query of another async flow
 * never runs inside an open transaction (so a rollback cannot take its write along), many
 * concurrent queries and transactions all finish with the right results, and the statement
 * cache answers repeated query shapes with the right rows, BigInts and errors. Also the
 * connection settings openStore makes (page cache, synchronous).
 */
import { describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../helpers/db.ts';
import { useStore } from '../helpers/store-hooks.ts';

const store = useStore(sqliteDatabase());

/** A promise and the function that resolves it. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/**
 * Waits until `work` settles or `ms` pass, whichever is first. Used to give a query every
 * chance to run while a transaction is open; nothing is asserted about how long it took.
 */
async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}

describe('SQLite adapter: queries outside a transaction', () => {
  it('keeps a top-level write made while another flow’s transaction is open and then rolls back', async () => {
    const { db } = store;
    const inside = signal();
    const finish = signal();
    const transaction = db.$transaction(
      async (tx) => {
        await tx.suppression.create({ data: { address: 'inside@rollback.example', reason: 'manual' } });
        inside.fire();
        await finish.promise;
        throw new Error('rolled back on purpose');
      },
      { timeout: 60_000 },
    );
    await inside.promise;

    const outside = db.suppression.create({
      data: { address: 'outside@rollback.example', reason: 'manual' },
    });
    await settledWithin(outside, 1000);
    finish.fire();

    await expect(transaction).rejects.toThrow('rolled back on purpose');
    await outside;
    const addresses = (
      await db.suppression.findMany({
        where: { address: { endsWith: '@rollback.example' } },
        select: { address: true },
      })
    ).map((s) => s.address);
    expect(addresses).toEqual(['outside@rollback.example']);
  });

  it('keeps both writes when the open transaction commits', async () => {
    const { db } = store;
    const inside = signal();
    const finish = signal();
    const transaction = db.$transaction(
      async (tx) => {
        await tx.suppression.create({ data: { address: 'inside@commit.example', reason: 'manual' } });
        inside.fire();
        await finish.promise;
        return 'committed';
      },
      { timeout: 60_000 },
    );
    await inside.promise;
    const outside = db.suppression.create({ data: { address: 'outside@commit.example', reason: 'manual' } });
    await settledWithin(outside, 100);
    finish.fire();

    expect(await transaction).toBe('committed');
    await outside;
    const addresses = (
      await db.suppression.findMany({
        where: { address: { endsWith: '@commit.example' } },
        select: { address: true },
        orderBy: { address: 'asc' },
      })
    ).map((s) => s.address);
    expect(addresses).toEqual(['inside@commit.example', 'outside@commit.example']);
  });

  it('lets later queries through after a transaction fails to start', async () => {
    const { db } = store;
    // SQLite transactions are SERIALIZABLE only: the driver adapter refuses any other level
    // (the generated types know it, hence the cast), after the lock was taken.
    const refused = db.$transaction(async (tx) => tx.suppression.count(), {
      isolationLevel: 'ReadUncommitted' as 'Serializable',
    });
    await expect(refused).rejects.toThrow(/READ UNCOMMITTED/);
    expect(await db.$transaction(async (tx) => tx.roundRobin.count())).toBeGreaterThanOrEqual(0);
    expect(await db.roundRobin.count()).toBeGreaterThanOrEqual(0);
  });
});

describe('SQLite adapter: concurrent flows', () => {
  it('finishes many top-level queries and transactions together, each transaction isolated', async () => {
    const { db } = store;
    await db.roundRobin.create({ data: { team: 'concurrent', lastIndex: 0 } });
    const TRANSACTIONS = 12;
    const WRITES = 150;

    // Read, yield to the other flows, write back: any interleaving inside one transaction
    // would lose increments.
    const increments = Array.from({ length: TRANSACTIONS }, (_, i) =>
      db.$transaction(
        async (tx) => {
          const row = await tx.roundRobin.findUniqueOrThrow({ where: { team: 'concurrent' } });
          await new Promise((resolve) => setImmediate(resolve));
          if (i % 4 === 3) {
            // A value no committed state has: a top-level read that sees it read uncommitted data.
            await tx.roundRobin.update({ where: { team: 'concurrent' }, data: { lastIndex: -1 - i } });
            await new Promise((resolve) => setImmediate(resolve));
            throw new Error(`transaction ${i} rolls back`);
          }
          await tx.roundRobin.update({
            where: { team: 'concurrent' },
            data: { lastIndex: row.lastIndex + 1 },
          });
          return row.lastIndex;
        },
        { timeout: 60_000, maxWait: 60_000 },
      ),
    );
    const writes = Array.from({ length: WRITES }, (_, i) =>
      db.suppression.create({
        data: { address: `c${i}@concurrent.example`, reason: 'manual', detail: `${i}` },
      }),
    );
    const reads = Array.from({ length: WRITES }, (_, i) =>
      db.roundRobin.findUnique({ where: { team: 'concurrent' }, select: { lastIndex: true } }).then((r) => ({
        i,
        lastIndex: r?.lastIndex,
      })),
    );

    const outcomes = await Promise.allSettled(increments);
    const created = await Promise.all(writes);
    const seen = await Promise.all(reads);

    const committed = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(committed).toBe(TRANSACTIONS - TRANSACTIONS / 4);
    for (const [i, o] of outcomes.entries()) {
      if (i % 4 === 3) expect(o.status).toBe('rejected');
    }
    const final = await db.roundRobin.findUniqueOrThrow({ where: { team: 'concurrent' } });
    expect(final.lastIndex).toBe(committed);
    // Every committed transaction saw a distinct starting value: 0, 1, ... committed - 1.
    const starts = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : [])).sort((a, b) => a - b);
    expect(starts).toEqual(Array.from({ length: committed }, (_, i) => i));

    expect(created.map((s) => s.detail)).toEqual(Array.from({ length: WRITES }, (_, i) => `${i}`));
    expect(await db.suppression.count({ where: { address: { endsWith: '@concurrent.example' } } })).toBe(
      WRITES,
    );
    // Top-level reads see only committed states, never a value a rolled-back transaction wrote.
    for (const s of seen) {
      expect(s.lastIndex).toBeGreaterThanOrEqual(0);
      expect(s.lastIndex).toBeLessThanOrEqual(committed);
    }
  });
});

describe('SQLite adapter: statement cache', () => {
  it('answers the same query shape with different arguments correctly, reads and writes', async () => {
    const { db } = store;
    for (let i = 0; i < 20; i++) {
      await db.suppression.create({
        data: { address: `r${i}@cache.example`, reason: 'manual', detail: `d${i}` },
      });
    }
    for (let i = 19; i >= 0; i--) {
      const row = await db.suppression.findUnique({ where: { address: `r${i}@cache.example` } });
      expect(row?.detail).toBe(`d${i}`);
    }
    expect(await db.suppression.findUnique({ where: { address: 'missing@cache.example' } })).toBeNull();

    for (let i = 0; i < 20; i += 2) {
      const { count } = await db.suppression.updateMany({
        where: { address: `r${i}@cache.example` },
        data: { detail: `even${i}` },
      });
      expect(count).toBe(1);
    }
    const rows = await db.suppression.findMany({
      where: { address: { endsWith: '@cache.example' } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.detail)).toEqual(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? `even${i}` : `d${i}`)),
    );
  });

  it('returns BIGINT columns beyond 2^53 exactly, row after row', async () => {
    const { db } = store;
    const mailbox = await db.mailbox.create({ data: { name: 'bigint', role: 'inquiries' } });
    const values = [1n, 2n ** 53n + 1n, 2n ** 61n + 7n, 4_294_967_295n];
    for (const [i, v] of values.entries()) {
      await db.mailboxFolder.create({
        data: { mailboxId: mailbox.id, path: `f${i}`, uidValidity: v, lastUid: v * 2n },
      });
    }
    for (const [i, v] of values.entries()) {
      const folder = await db.mailboxFolder.findUniqueOrThrow({
        where: { mailboxId_path: { mailboxId: mailbox.id, path: `f${i}` } },
      });
      expect(folder.uidValidity).toBe(v);
      expect(folder.lastUid).toBe(v * 2n);
    }
    const raw = await db.$queryRaw<Array<{ lastUid: bigint }>>`
      SELECT lastUid FROM MailboxFolder WHERE mailboxId = ${mailbox.id} ORDER BY path`;
    expect(raw.map((r) => BigInt(r.lastUid))).toEqual(values.map((v) => v * 2n));
  });

  it('maps a unique violation to P2002 and keeps answering the same statement afterwards', async () => {
    const { db } = store;
    await db.suppression.create({ data: { address: 'dup@cache.example', reason: 'manual' } });
    for (let attempt = 0; attempt < 3; attempt++) {
      const error = await db.suppression
        .create({ data: { address: 'dup@cache.example', reason: 'manual' } })
        .catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe('P2002');
      expect((error as { meta?: unknown }).meta).toMatchObject({ modelName: 'Suppression' });
    }
    const next = await db.suppression.create({
      data: { address: 'after-dup@cache.example', reason: 'manual' },
    });
    expect(next.address).toBe('after-dup@cache.example');
    expect(await db.suppression.count({ where: { address: { endsWith: 'dup@cache.example' } } })).toBe(2);
  });

  it('keeps answering correctly once more query shapes ran than the cache holds', async () => {
    const { db } = store;
    const shapes = 260;
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < shapes; i++) {
        const rows = await db.$queryRawUnsafe<Array<{ n: bigint; twice: number }>>(
          `SELECT ${i} AS n, ? * 2 AS twice`,
          i + round,
        );
        // Integer literals come back as BigInt from raw queries on SQLite, as they always did.
        expect(rows).toEqual([{ n: BigInt(i), twice: (i + round) * 2 }]);
      }
    }
  });

  it('reports a syntax error as before and goes on', async () => {
    const { db } = store;
    await expect(db.$queryRawUnsafe('SELEC 1')).rejects.toMatchObject({
      code: 'P2010',
      message: expect.stringMatching(/near "SELEC": syntax error/),
    });
    expect(await db.$queryRawUnsafe('SELECT 1 AS one')).toEqual([{ one: 1n }]);
  });
});

describe('SQLite store connection settings', () => {
  it('keeps a 4 MB page cache and NORMAL synchronous writes on the store connection', async () => {
    // better-sqlite3's build defaults to a 16 MB cache; openStore sets these on its connection.
    const [cache] = await store.db.$queryRawUnsafe<{ cache_size: number | bigint }[]>('PRAGMA cache_size');
    expect(Number(cache!.cache_size)).toBe(-4000);
    const [sync] = await store.db.$queryRawUnsafe<{ synchronous: number | bigint }[]>('PRAGMA synchronous');
    expect(Number(sync!.synchronous)).toBe(1); // NORMAL
  });
});
