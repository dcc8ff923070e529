/**
 * The end of the batch store's set-based runs (store-batch.ts, store-notices.ts): each run's
 * messages are claimed, each with its lead (a null lead leaves the message's as it was), and
 * those with a lead join their lead's timeline. The claims of consecutive runs are written
 * together, one UPDATE and one INSERT, where each run wrote its own: on real mail notices and
 * letters alternate, and a batch of 200 came in about 15 runs.
 *
 * Holding them back until the runs end changes nothing a later run reads: runs read leads,
 * companies, open inquiries, our sent mail and outbound activities, never a message's stage,
 * and the activities held back are all inbound (outbound mail, the BCC-logged kind, is stored
 * alone, and the batch writes what is held back before it). The activities go in in the same
 * order as before, run after run.
 */

import { BatchFallback } from '../../sla/open-inquiry-batch.ts';
import { insertRows } from '../../store/bulk-insert.ts';
import type { Tx } from '../../store/leads/upsert-lead.ts';
import { activityRow, claimData, claimMessages } from './store.ts';
import type { ProcessedMessage } from './types.ts';

/** A message of a set-based run: its row and what the pure stages made of it. */
export interface RunItem {
  messageRowId: number;
  processed: ProcessedMessage;
}

type Claim = Parameters<typeof claimMessages>[1][number];
type ActivityRow = ReturnType<typeof activityRow>;

export class RunClaims {
  #claims: Claim[] = [];
  #activities: ActivityRow[] = [];

  /** A run's messages, with the lead each was stored under (or null). */
  add(items: readonly RunItem[], leadIds: readonly (number | null)[], now: Date): void {
    items.forEach((item, i) => {
      const leadId = leadIds[i] ?? null;
      const p = item.processed;
      this.#claims.push({ id: item.messageRowId, ...claimData(p, now), leadId });
      if (leadId !== null)
        this.#activities.push(activityRow(p, item.messageRowId, leadId, p.mail.date ?? now));
    });
  }

  /** Writes what was added since the last write. */
  async write(tx: Tx): Promise<void> {
    const claims = this.#claims;
    const activities = this.#activities;
    this.#claims = [];
    this.#activities = [];
    if (claims.length === 0) return;
    // Another process claimed one since this transaction read them: redo the batch one by one.
    if ((await claimMessages(tx, claims)) !== claims.length) {
      throw new BatchFallback('a message of the batch was claimed meanwhile');
    }
    await insertRows(tx, 'Activity', activities, { stamp: ['createdAt'] });
  }
}
