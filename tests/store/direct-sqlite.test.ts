/**
 * The ingest's bulk statements inside transaction(): on SQLite they run on the connection's
 * handle, skipping Prisma's raw-query layer, and must leave exactly the rows Prisma's path
 * leaves (bytes, BigInts, booleans, dates, nulls), roll back with their transaction, and never
 * run on the handle once their transaction has ended. On PostgreSQL they go through Prisma.
 */
import { describe, expect, it } from 'vitest';
import { insertRows, insertRowsReturning, type Row } from '../../src/store/bulk-insert.ts';
import { updateRowsById } from '../../src/store/bulk-update.ts';
import type { Db } from '../../src/store/client.ts';
import { directHandle, transaction } from '../../src/store/direct-sqlite.ts';
import type { Tx } from '../../src/store/leads/upsert-lead.ts';
import { testDatabases } from '../helpers/db.ts';
import { useStore } from '../helpers/store-hooks.ts';

const day = new Date(Date.UTC(2026, 10, 24, 8, 30, 15, 250));

/** Writes a raw mail, its two sources and a salesperson with every kind of value, in `tx`. */
async function writeAll(tx: Tx, tag: string) {
  const [raw] = await insertRowsReturning<{ id: number; sha256: string; size: number }>(
    tx,
    'RawMessage',
    [{ sha256: `sha-${tag}`, size: 3, compressed: new Uint8Array([0, 255, 7]) }],
    ['id', 'sha256', 'size'],
    { stamp: ['createdAt'] },
  );
  const sources: Row[] = [
    { rawMessageId: raw!.id, folderId: null, uidValidity: 2n ** 40n, uid: 7n, importKey: null },
    { rawMessageId: raw!.id, folderId: null, uidValidity: null, uid: null, importKey: `k-${tag}` },
  ];
  await insertRows(tx, 'MessageSource', sources, { stamp: ['seenAt'] });
  const [person] = await insertRowsReturning<{ id: number }>(
    tx,
    'Salesperson',
    [{ email: `${tag}@brightlux-lighting.com`, name: `Rep ${tag}`, active: false, createdAt: day }],
    ['id'],
  );
  const changed = await updateRowsById(tx, 'Salesperson', [
    { id: person!.id, name: `Rep ${tag} (renamed)`, active: true },
    { id: 999_999, name: 'nobody', active: true },
  ]);
  return { raw: raw!, changed };
}

/** What the rows say, with the ids and tags that differ between two writes taken out. */
async function readBack(db: Db, tag: string) {
  const raw = await db.rawMessage.findUniqueOrThrow({
    where: { sha256: `sha-${tag}` },
    include: { sources: { orderBy: { id: 'asc' } } },
  });
  const email = `${tag}@brightlux-lighting.com`;
  const person = await db.salesperson.findUniqueOrThrow({ where: { email } });
  // The stored text too: SQLite compares dates as text, so both paths must write one format.
  const [stored] = await db.$queryRaw<{ t: string }[]>`
    SELECT CAST("createdAt" AS TEXT) AS t FROM "Salesperson" WHERE "email" = ${email}`;
  return {
    createdAtText: stored!.t,
    size: raw.size,
    compressed: [...raw.compressed],
    createdAtIsDate: raw.createdAt instanceof Date,
    sources: raw.sources.map((s) => ({
      uidValidity: s.uidValidity,
      uid: s.uid,
      importKey: s.importKey?.replace(tag, 'TAG') ?? null,
      seenAtIsDate: s.seenAt instanceof Date,
    })),
    person: { name: person.name.replace(tag, 'TAG'), active: person.active, createdAt: person.createdAt },
  };
}

describe.each(testDatabases())('bulk statements in transaction() (%o)', (make) => {
  const database = make();
  const store = useStore(database);
  const sqlite = database.name === 'sqlite';

  it('leave the same rows, and return the same values, as through Prisma', async () => {
    const { db } = store;
    const direct = await transaction(db, (tx) => writeAll(tx, 'direct'));
    const prisma = await db.$transaction((tx) => writeAll(tx, 'prisma'));
    expect(direct.changed).toBe(1);
    expect(prisma.changed).toBe(1);
    expect(typeof direct.raw.id).toBe('number');
    expect({ ...direct.raw, id: 0, sha256: '' }).toEqual({ ...prisma.raw, id: 0, sha256: '' });
    expect(direct.raw.sha256).toBe('sha-direct');
    const expected = await readBack(db, 'prisma');
    expect(expected.compressed).toEqual([0, 255, 7]);
    expect(expected.sources[0]!.uidValidity).toBe(2n ** 40n);
    expect(expected.person).toEqual({ name: 'Rep TAG (renamed)', active: true, createdAt: day });
    expect(await readBack(db, 'direct')).toEqual(expected);
  });

  it('run on the handle only inside an open transaction begun by transaction()', async () => {
    const { db } = store;
    let ended: Tx | null = null;
    await transaction(db, async (tx) => {
      expect(directHandle(tx) !== null).toBe(sqlite);
      ended = tx;
    });
    await db.$transaction(async (tx) => {
      expect(directHandle(tx)).toBeNull();
      // Another transaction holds the connection now: the ended one must not write into it.
      expect(directHandle(ended!)).toBeNull();
    });
    expect(directHandle(db)).toBeNull();
    expect(directHandle(ended!)).toBeNull();
    // Through Prisma, a statement on an ended transaction fails rather than run on its own.
    await expect(
      insertRows(ended!, 'Suppression', [{ address: 'late@buyer.example', reason: 'manual' }], {
        stamp: ['createdAt'],
      }),
    ).rejects.toThrow();
    expect(await db.suppression.count({ where: { address: 'late@buyer.example' } })).toBe(0);
  });

  it('roll back with their transaction', async () => {
    const { db } = store;
    await expect(
      transaction(db, async (tx) => {
        await writeAll(tx, 'rolled');
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await db.rawMessage.count({ where: { sha256: 'sha-rolled' } })).toBe(0);
    expect(await db.salesperson.count({ where: { email: 'rolled@brightlux-lighting.com' } })).toBe(0);
  });
});
