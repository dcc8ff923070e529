/**
 * Prisma's debug module remembers the arguments of its last 100 debug calls, whether or not
 * DEBUG asks for output, so that a crash report can quote them. Two of those calls sit on the
 * ingest hot path and keep whole batches alive:
 *
 * - the client logs every raw query as text, its parameters included: one bulk INSERT of 200
 *   understood inquiries is a 1 MB string;
 * - the driver adapters log every query object they run, with its argument array.
 *
 * In a heap snapshot taken at the peak of a 5 KB-mail backfill the two histories held 7.6 and
 * 9.0 MB of mail. Neither is reachable from outside the package (the client's history is not
 * exported, and each adapter bundles its own copy of the module), so the first is pushed out
 * after each bulk statement and the second only ever sees a copy of the query whose arguments
 * are dropped once the query has run.
 */
import { Debug } from '@prisma/client/runtime/client';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { delegate } from './delegate.ts';

/** @prisma/debug's MAX_ARGS_HISTORY. */
const HISTORY = 100;
const NAMESPACE = 'trademail:store';
const evict = Debug(NAMESPACE);
const NO_ARGS: SqlQuery['args'] = Object.freeze([]) as unknown as SqlQuery['args'];

/**
 * Pushes every earlier entry out of the Prisma client's debug history. Called after each bulk
 * statement, the history's only large entries. When DEBUG prints this namespace (DEBUG=* while
 * someone is looking into a problem) the history is left as it is, rather than printing a
 * hundred blank lines each time.
 */
export function forgetRawQueries(): void {
  if (Debug.enabled(NAMESPACE)) return;
  for (let i = 0; i < HISTORY; i++) evict('');
}

/** The adapter's queries each run on a copy whose arguments are let go afterwards. */
export function withoutArgsHistory(
  inner: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return delegate(inner, {
    connect: async () => releasing(await inner.connect()),
    connectToShadowDb: async () => releasing(await inner.connectToShadowDb()),
  });
}

function releasing(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return delegate(adapter, {
    queryRaw: (query) => onCopy(query, (q) => adapter.queryRaw(q)),
    executeRaw: (query) => onCopy(query, (q) => adapter.executeRaw(q)),
    startTransaction: async (isolationLevel) => releasingTx(await adapter.startTransaction(isolationLevel)),
  });
}

function releasingTx(tx: Transaction): Transaction {
  return delegate(tx, {
    queryRaw: (query) => onCopy(query, (q) => tx.queryRaw(q)),
    executeRaw: (query) => onCopy(query, (q) => tx.executeRaw(q)),
  });
}

async function onCopy<T>(query: SqlQuery, run: (copy: SqlQuery) => Promise<T>): Promise<T> {
  const copy = { ...query };
  try {
    return await run(copy);
  } finally {
    copy.args = NO_ARGS;
  }
}
