/** The never-mail-again list: hard bounces, unsubscribes, erasure requests, manual entries. */

import type { Db } from './client.ts';
import type { Tx } from './leads/upsert-lead.ts';

export type SuppressionReason = 'hard_bounce' | 'unsubscribe' | 'erasure' | 'manual' | 'complaint';

/** How an address is kept on the list, and looked up. */
export function suppressionKey(address: string): string {
  return address.trim().toLowerCase();
}

export async function suppress(
  tx: Tx | Db,
  address: string,
  reason: SuppressionReason,
  detail?: string,
): Promise<void> {
  const a = suppressionKey(address);
  // The first reason stays: an unsubscribed address that later bounces is still "unsubscribe".
  await tx.suppression.upsert({
    where: { address: a },
    create: { address: a, reason, detail: detail ?? null },
    update: {},
  });
}

export async function isSuppressed(db: Tx | Db, address: string): Promise<boolean> {
  return (
    (await db.suppression.findUnique({
      where: { address: suppressionKey(address) },
      select: { id: true },
    })) !== null
  );
}
