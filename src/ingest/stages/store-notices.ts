/**
 * Stage: store, for a run of consecutive notices in a batch: bounces, auto-replies and
 * unsubscribe requests. None of them creates a lead; each joins the timeline of a lead we
 * already know, and a hard bounce or an unsubscribe puts an address on the suppression list.
 * Mail after a campaign is mostly such notices, and message by message each cost four or five
 * ORM statements; here a run of them costs a handful.
 *
 * The result is what applyProcessed in store.ts leaves for the same messages in the same order.
 * The leads they name exist before the run (notices create none), so one read finds them all;
 * within the run, the first suppression of an address stays (as suppress() keeps the first
 * reason), the last hard bounce of a lead dates its undeliverableAt, and soft bounces add up.
 */
import { insertRows } from '../../store/bulk-insert.ts';
import type { Tx } from '../../store/leads/upsert-lead.ts';
import { suppressionKey } from '../../store/suppressions.ts';
import type { RunClaims, RunItem } from './run-claims.ts';
import { noticeLeadAddress, suppressionOf } from './store.ts';

export async function applyNotices(
  tx: Tx,
  items: readonly RunItem[],
  now: Date,
  claims: RunClaims,
): Promise<void> {
  const addresses = [...new Set(items.map((i) => noticeLeadAddress(i.processed)).filter((a) => a !== null))];
  const found =
    addresses.length === 0
      ? []
      : await tx.lead.findMany({ where: { email: { in: addresses } }, select: { id: true, email: true } });
  const leadIds = new Map(found.map((l) => [l.email!, l.id]));

  const suppressions = new Map<string, { address: string; reason: string; detail: string | null }>();
  const leadChanges = new Map<number, { undeliverableAt?: Date; softBounces: number }>();
  const leads = items.map(({ processed: p }) => {
    const u = p.understanding;
    const address = noticeLeadAddress(p);
    const leadId = address === null ? null : (leadIds.get(address) ?? null);
    const suppression = suppressionOf(p);
    if (suppression) {
      const key = suppressionKey(suppression.address);
      if (!suppressions.has(key)) suppressions.set(key, { ...suppression, address: key });
    }
    if (leadId !== null && u.kind === 'bounce' && u.bounce?.recipient) {
      const change = leadChanges.get(leadId) ?? { softBounces: 0 };
      if (u.bounce.permanent) change.undeliverableAt = p.mail.date ?? now;
      else change.softBounces += 1;
      leadChanges.set(leadId, change);
    }
    return leadId;
  });

  if (suppressions.size > 0) {
    await insertRows(tx, 'Suppression', [...suppressions.values()], {
      stamp: ['createdAt'],
      onConflictDoNothing: ['address'],
    });
  }
  for (const [id, change] of leadChanges) {
    await tx.lead.update({
      where: { id },
      data: {
        ...(change.undeliverableAt ? { undeliverableAt: change.undeliverableAt } : {}),
        ...(change.softBounces > 0 ? { softBounces: { increment: change.softBounces } } : {}),
      },
    });
  }
  claims.add(items, leads, now);
}
