/** Batch reads the scheduler and sender do once per selection instead of once per row. */
import type { Lead } from '../../../generated/sqlite/client.ts';
import type { DbOrTx } from './tx.ts';

export async function leadsById(db: DbOrTx, ids: readonly number[]): Promise<Map<number, Lead>> {
  if (ids.length === 0) return new Map();
  const rows = await db.lead.findMany({ where: { id: { in: [...new Set(ids)] } } });
  return new Map(rows.map((r) => [r.id, r]));
}

/** The addresses among `addresses` that are on the suppression list (lower-cased). */
export async function suppressedAmong(db: DbOrTx, addresses: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  if (wanted.length === 0) return new Set();
  const rows = await db.suppression.findMany({
    where: { address: { in: wanted } },
    select: { address: true },
  });
  return new Set(rows.map((r) => r.address));
}
