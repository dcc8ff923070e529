/**
 * Another writer's work, told from a real failure. Idempotency rests on unique constraints: a
 * second writer of the same fact gets a unique-constraint error and treats the fact as
 * already recorded. Prisma reports it as P2002 from its own queries and as P2010 (a raw query
 * failed) with the driver's verdict from the bulk statements; on SQLite those run on
 * better-sqlite3 inside the ingest's transactions (direct-sqlite.ts), whose error names the
 * constraint kind itself.
 */

export interface DriverCause {
  kind?: unknown;
  /** the database's own code (PostgreSQL's SQLSTATE), as the adapter passes it on */
  code?: unknown;
  originalCode?: unknown;
}

/** The driver adapter's account of a failed query, where Prisma passes it on. */
export function driverCause(err: unknown): DriverCause | undefined {
  return (err as { meta?: { driverAdapterError?: { cause?: DriverCause } } } | null)?.meta?.driverAdapterError
    ?.cause;
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'P2002' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return true;
  const cause = driverCause(err);
  return cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505';
}

/**
 * PostgreSQL broke a deadlock (40P01) or a serialization conflict (40001) by failing this
 * transaction; the other one went through, and running this one again is the remedy.
 */
export function isTransactionConflict(err: unknown): boolean {
  const cause = driverCause(err);
  return (
    cause?.kind === 'TransactionWriteConflict' ||
    cause?.originalCode === '40P01' ||
    cause?.originalCode === '40001'
  );
}

/**
 * Runs `work` (a whole transaction) again while it fails on another writer's rows, `attempts`
 * times in all. After such a failure the other transaction has committed and this one was
 * rolled back, so the next run finds the other's rows as if it had started a moment later.
 */
export async function retryOnWriteConflict<T>(work: () => Promise<T>, attempts = 2): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !(isUniqueViolation(err) || isTransactionConflict(err))) throw err;
    }
  }
}
