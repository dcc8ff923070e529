/**
 * retryOnWriteConflict runs a transaction again only while another writer's rows fail it, and
 * only as often as asked. The errors have the shapes the store tests saw from real databases
 * (tests/store/write-conflicts.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { retryOnWriteConflict } from '../../../src/store/write-conflicts.ts';

const uniqueViolation = Object.assign(new Error('Unique constraint failed'), { code: 'P2002' });
const deadlock = Object.assign(new Error('Raw query failed'), {
  code: 'P2010',
  meta: { driverAdapterError: { cause: { originalCode: '40P01', kind: 'TransactionWriteConflict' } } },
});

/** Work that fails with each of `errors` in turn, then returns how many runs it took. */
function failing(...errors: Error[]) {
  let runs = 0;
  return {
    work: async () => {
      runs++;
      const err = errors[runs - 1];
      if (err) throw err;
      return runs;
    },
    runs: () => runs,
  };
}

describe('retryOnWriteConflict', () => {
  it('runs again after a unique violation or a deadlock', async () => {
    expect(await retryOnWriteConflict(failing(uniqueViolation).work)).toBe(2);
    expect(await retryOnWriteConflict(failing(deadlock, uniqueViolation).work, 3)).toBe(3);
  });

  it('gives up after the attempts asked for, with the last error', async () => {
    const w = failing(uniqueViolation, deadlock, uniqueViolation);
    await expect(retryOnWriteConflict(w.work, 2)).rejects.toBe(deadlock);
    expect(w.runs()).toBe(2);
  });

  it('never runs again after any other failure', async () => {
    const other = new Error('disk full');
    const w = failing(other);
    await expect(retryOnWriteConflict(w.work, 3)).rejects.toBe(other);
    expect(w.runs()).toBe(1);
  });
});
