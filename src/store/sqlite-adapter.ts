/**
 * The SQLite driver adapter, made safe for concurrent async flows and cheaper per query.
 *
 * @prisma/adapter-better-sqlite3 runs every query of a connection on one better-sqlite3 handle
 * and serialises only transactions against each other. A top-level query issued by another
 * async flow while an interactive transaction is open therefore runs inside that transaction,
 * and silently vanishes when it rolls back. Here one lock per connection covers everything: a
 * transaction holds it from BEGIN until commit or rollback, each top-level query holds it for
 * its own run, and queries on the transaction object pass straight through (they run under
 * the lock their transaction holds). PostgreSQL needs none of this: its pool gives each
 * transaction a connection of its own.
 *
 * The upstream adapter also prepares every statement anew for each query; compiling the SQL
 * showed up at 7% of a backfill's CPU. The connection's `prepare` is replaced by a bounded
 * cache of compiled statements keyed by SQL text.
 */
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  Transaction,
} from '@prisma/driver-adapter-utils';
import type Database from 'better-sqlite3';
import { delegate } from './delegate.ts';
import { SqliteConnection } from './direct-sqlite.ts';

/** Enough for every query shape Prisma generates for this schema, with room for raw SQL. */
const STATEMENT_CACHE_SIZE = 200;

export interface SqliteAdapterOptions {
  /** compiled statements kept per connection; 0 prepares every query anew, as upstream does */
  statementCache?: number;
  /** Told the connection's handle and which transaction holds it (see direct-sqlite.ts). */
  connection?: SqliteConnection;
}

export function serialisedSqlite(
  inner: SqlMigrationAwareDriverAdapterFactory,
  options: SqliteAdapterOptions = {},
): SqlMigrationAwareDriverAdapterFactory {
  const capacity = options.statementCache ?? STATEMENT_CACHE_SIZE;
  const wrap = (adapter: SqlDriverAdapter, connection?: SqliteConnection): SqlDriverAdapter => {
    const client = (adapter as { client?: unknown }).client;
    if (capacity > 0 && isDatabase(client)) cacheStatements(client, capacity);
    if (connection) connection.database = isDatabase(client) ? client : null;
    return serialised(adapter, connection ?? new SqliteConnection());
  };
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => wrap(await inner.connect(), options.connection),
    connectToShadowDb: async () => wrap(await inner.connectToShadowDb()),
  };
}

/** One holder at a time; waiters are served in arrival order. */
class Lock {
  #held = false;
  readonly #waiting: Array<() => void> = [];

  acquire(): Promise<() => void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#releaser())));
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  /**
   * Idempotent: a transaction ended twice (say a commit() that failed, then a rollback()) must
   * not release the lock a later holder has by then.
   */
  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // Handed straight to the next waiter, so no newcomer can slip in between.
      const next = this.#waiting.shift();
      if (next === undefined) this.#held = false;
      else next();
    };
  }
}

function serialised(adapter: SqlDriverAdapter, connection: SqliteConnection): SqlDriverAdapter {
  const lock = new Lock();
  return delegate(adapter, {
    queryRaw: (query) => lock.run(() => adapter.queryRaw(query)),
    executeRaw: (query) => lock.run(() => adapter.executeRaw(query)),
    executeScript: (script) => lock.run(() => adapter.executeScript(script)),
    startTransaction: async (isolationLevel) => {
      const release = await lock.acquire();
      try {
        const tx = await adapter.startTransaction(isolationLevel);
        const token = {};
        connection.openTransaction = token;
        return releasedAtEnd(tx, () => {
          if (connection.openTransaction === token) connection.openTransaction = null;
          release();
        });
      } catch (error) {
        release();
        throw error;
      }
    },
  });
}

function releasedAtEnd(tx: Transaction, release: () => void): Transaction {
  return delegate(tx, {
    commit: async () => {
      try {
        await tx.commit();
      } finally {
        release();
      }
    },
    rollback: async () => {
      try {
        await tx.rollback();
      } finally {
        release();
      }
    },
  });
}

function isDatabase(value: unknown): value is Database.Database {
  return typeof (value as Database.Database | undefined)?.prepare === 'function';
}

type Statement = Database.Statement<unknown[], unknown>;

const NO_ARGS: unknown[] = [];

/**
 * What the upstream adapter does with a statement: `prepare(sql).bind(args)`, then `reader`,
 * and `run()` or `columns()` and `raw().all()`; BEGIN is just `prepare(sql).run()`.
 * better-sqlite3 allows bind() once per statement object, so the cached statement is never
 * bound: the arguments go to each run()/all() call, as the one array upstream passes to bind().
 * better-sqlite3 binds that the same way (an array argument is a list of anonymous parameters),
 * and no long IN list gets spread onto the stack. An unbound statement has its parameters
 * cleared after every run, failed or not, so none leak into the next query.
 */
class Execution {
  readonly reader: boolean;

  constructor(
    private readonly stmt: Statement,
    private readonly args: unknown[],
  ) {
    this.reader = stmt.reader;
  }

  bind(args: unknown[]): Execution {
    return new Execution(this.stmt, args);
  }

  run(): Database.RunResult {
    return this.stmt.run(this.args);
  }

  columns(): Database.ColumnDefinition[] {
    return this.stmt.columns();
  }

  /** Raw mode is already on: cacheStatements set it when the statement was compiled. */
  raw(): this {
    return this;
  }

  all(): unknown[] {
    return this.stmt.all(this.args);
  }
}

/**
 * Least recently used statements are dropped beyond `capacity` (better-sqlite3 finalises them
 * when collected). The connection was opened with defaultSafeIntegers(true) before the first
 * prepare, so every cached statement returns BIGINT columns as bigint, as before. A statement
 * executes synchronously from start to reset, so one compiled copy per SQL text is never in
 * use twice at once; SQLite recompiles it by itself after a schema change.
 */
function cacheStatements(db: Database.Database, capacity: number): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Statement>();
  const cachedPrepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt === undefined) {
      stmt = prepare<unknown[]>(sql);
      // Upstream reads rows only through raw().all(), and raw mode is a setting that stays on
      // the statement: set once here instead of on every query.
      if (stmt.reader) stmt.raw(true);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    } else {
      cache.delete(sql); // re-inserted below: a Map iterates in insertion order, oldest first
    }
    cache.set(sql, stmt);
    return new Execution(stmt, NO_ARGS);
  };
  db.prepare = cachedPrepare as unknown as typeof db.prepare;
}
