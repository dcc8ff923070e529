/** Transaction types shared by the sequence store files. */
import type { Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../client.ts';

/** The client inside `db.$transaction(async (tx) => ...)`. */
export type Tx = Prisma.TransactionClient;
export type DbOrTx = Db | Tx;
