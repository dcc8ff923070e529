/**
 * Multi-row INSERT for the ingest hot path. Prisma's createMany maps every value of every row
 * through its query interpreter (about 0.3 ms a row for an inquiry: more than the rest of the
 * store stage together); one parameterised INSERT ... VALUES (...), (...) does the same work
 * in a fraction of that. The statement is written once and runs on both providers: quoted
 * identifiers, and placeholders that Prisma.sql renders as ? for SQLite and $n for PostgreSQL.
 *
 * Values go through the same driver-adapter mapping as Prisma's own writes (a Date becomes the
 * same ISO text in SQLite and a timestamp in PostgreSQL, a boolean 0/1 in SQLite), and the
 * columns Prisma fills on the client (createdAt @default(now()), updatedAt @updatedAt) are
 * filled here too, so rows are indistinguishable from createMany's.
 *
 * On SQLite, inside the ingest's transactions, the statements skip Prisma's raw-query layer
 * (direct-sqlite.ts).
 */
import { Prisma } from '../../generated/sqlite/client.ts';
import { TrademailError } from '../errors.ts';
import type { Db } from './client.ts';
import { executeBulk, queryBulk } from './direct-sqlite.ts';
import type { Tx } from './leads/upsert-lead.ts';

export type Value = string | number | bigint | boolean | Date | Uint8Array | null;
export type Row = Record<string, Value>;

/** Rows per statement: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
export const CHUNK = 250;

export const ident = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);

export interface InsertOptions {
  /**
   * Columns Prisma fills on the client (@default(now()), @updatedAt): set to the wall clock, as
   * Prisma sets them, not to the caller's `now` (which tests and replays move).
   */
  stamp?: readonly string[];
  /**
   * Insert-if-absent: a row whose values of these (unique) columns are stored already, or that
   * repeats an earlier row of the same statement, is skipped (ON CONFLICT ... DO NOTHING,
   * which SQLite and PostgreSQL both have).
   */
  onConflictDoNothing?: readonly string[];
}

function statement(
  table: string,
  rows: readonly Row[],
  columns: string[],
  returning: readonly string[],
  conflict: readonly string[] = [],
) {
  const values = rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c] ?? null))})`);
  const skip =
    conflict.length === 0
      ? Prisma.empty
      : Prisma.sql` ON CONFLICT (${Prisma.join(conflict.map(ident), ', ')}) DO NOTHING`;
  const tail =
    returning.length === 0 ? Prisma.empty : Prisma.sql` RETURNING ${Prisma.join(returning.map(ident), ', ')}`;
  return Prisma.sql`INSERT INTO ${ident(table)} (${Prisma.join(columns.map(ident), ', ')}) VALUES ${Prisma.join(values, ', ')}${skip}${tail}`;
}

/** The rows and their column list; refuses rows that do not all name the same columns, in order. */
export function uniformRows(rows: readonly Row[]): { rows: readonly Row[]; columns: string[] } {
  const columns = Object.keys(rows[0] ?? {});
  const shape = columns.join('\n');
  // A column left out of one row would be NULL there, not its default (or its old value).
  if (rows.some((r) => Object.keys(r).join('\n') !== shape)) {
    throw new TrademailError('STORE_FAILED', 'bulk write: every row must name the same columns, in order');
  }
  return { rows, columns };
}

function prepare(rows: readonly Row[], options: InsertOptions): { rows: readonly Row[]; columns: string[] } {
  const wallClock = new Date();
  const stamp = Object.fromEntries((options.stamp ?? []).map((c) => [c, wallClock]));
  return uniformRows(rows.map((r) => ({ ...r, ...stamp })));
}

/** Inserts the rows, which all name the same columns in the same order. */
export async function insertRows(
  db: Tx | Db,
  table: string,
  rows: readonly Row[],
  options: InsertOptions = {},
) {
  const { rows: all, columns } = prepare(rows, options);
  for (let i = 0; i < all.length; i += CHUNK) {
    await executeBulk(
      db,
      statement(table, all.slice(i, i + CHUNK), columns, [], options.onConflictDoNothing),
    );
  }
}

/** Inserts the rows and returns the `returning` columns of each (order not guaranteed). */
export async function insertRowsReturning<R>(
  db: Tx | Db,
  table: string,
  rows: readonly Row[],
  returning: readonly string[],
  options: InsertOptions = {},
): Promise<R[]> {
  const { rows: all, columns } = prepare(rows, options);
  const out: R[] = [];
  for (let i = 0; i < all.length; i += CHUNK) {
    out.push(...(await queryBulk<R>(db, statement(table, all.slice(i, i + CHUNK), columns, returning))));
  }
  return out;
}
