/**
 * Prisma's debug history must not keep the store's queries alive (src/store/debug-history.ts).
 * The wrappers are checked on a stand-in adapter that records what it was given; the whole
 * effect on a real store, in heap snapshots of a process of its own.
 */
import { join } from 'node:path';
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/paths.ts';
import { withoutArgsHistory } from '../../src/store/debug-history.ts';
import { runNode } from '../helpers/cli.ts';
import { testDatabases } from '../helpers/db.ts';

/** Records each query object it is handed, and what its arguments were while it ran. */
function recordingFactory() {
  const seen: { query: SqlQuery; argsWhileRunning: unknown[] }[] = [];
  const run = async (query: SqlQuery) => {
    seen.push({ query, argsWhileRunning: [...query.args] });
    return 1;
  };
  const tx = { queryRaw: run, executeRaw: run, commit: async () => undefined } as unknown as Transaction;
  const adapter = {
    provider: 'sqlite',
    queryRaw: run,
    executeRaw: run,
    startTransaction: async () => tx,
    marker: 'passed through',
  } as unknown as SqlDriverAdapter;
  const factory = {
    provider: 'sqlite',
    adapterName: 'recording',
    connect: async () => adapter,
    connectToShadowDb: async () => adapter,
  } as unknown as SqlMigrationAwareDriverAdapterFactory;
  return { factory, seen };
}

describe('withoutArgsHistory', () => {
  it('runs each query with its arguments, then leaves the adapter nothing of them', async () => {
    const { factory, seen } = recordingFactory();
    const adapter = await withoutArgsHistory(factory).connect();
    const query: SqlQuery = { sql: 'SELECT ?', args: ['mail text'], argTypes: [] };
    expect(await adapter.queryRaw(query)).toBe(1);
    expect(await adapter.executeRaw(query)).toBe(1);
    const tx = await adapter.startTransaction();
    await tx.executeRaw(query);
    await tx.queryRaw(query);
    expect(seen).toHaveLength(4);
    for (const { query: given, argsWhileRunning } of seen) {
      expect(argsWhileRunning).toEqual(['mail text']);
      expect(given).not.toBe(query);
      expect(given.args).toEqual([]);
      expect(given.sql).toBe('SELECT ?');
    }
    // the caller's own query object is left as it was
    expect(query.args).toEqual(['mail text']);
    expect((adapter as unknown as { marker: string }).marker).toBe('passed through');
    expect(withoutArgsHistory(factory).adapterName).toBe('recording');
  });
});

describe.each(testDatabases())('a raw query on the store (%o)', (make) => {
  it('is let go once the debug history is cleared', async () => {
    const database = make();
    await (await database.open()).close();
    const result = await runNode([
      '--expose-gc',
      '--import',
      'tsx',
      join(REPO_ROOT, 'tests/store/debug-history.probe.ts'),
      database.url,
    ]);
    await database.drop();
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout.trim().split('\n').at(-1)!)).toEqual({
      // the probe sees the parameter where it is held...
      heldAfterQuery: true,
      // ...and after forgetRawQueries() nothing holds it...
      heldAfterForget: false,
      // ...which takes the adapter wrapper too: SQLite's adapter, as Prisma ships it, keeps the
      // query in a debug history of its own
      upstreamHeldAfterForget: database.name === 'sqlite' ? true : undefined,
    });
  }, 60_000);
});
