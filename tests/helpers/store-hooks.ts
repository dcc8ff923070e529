/**
 * The store a suite works on: opened (and migrated) before its tests, closed and dropped after
 * them. Call inside the suite's describe (or at the top of a file).
 */
import { afterAll, beforeAll } from 'vitest';
import type { Db, Store } from '../../src/store/client.ts';
import type { TestDatabase } from './db.ts';

export function useStore(database: TestDatabase): { readonly db: Db } {
  let store: Store | undefined;
  beforeAll(async () => {
    store = await database.open();
  });
  afterAll(async () => {
    await store?.close();
    await database.drop();
  });
  return {
    get db(): Db {
      if (store === undefined)
        throw new Error(`${database.name} test store is not open (used outside a test?)`);
      return store.db;
    },
  };
}
