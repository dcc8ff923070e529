/** Transaction types and the database error test shared by the sequence store files. */
import type { Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../client.ts';

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;

/** True for Prisma's unique-constraint violation (P2002): the database refused a duplicate. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'P2002';
}
