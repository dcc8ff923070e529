/**
 * Stage: store, for a whole batch in one transaction. The common kinds (inquiries, replies,
 * junk) are applied set-based: their leads and companies through a LeadBook, owners and SLA
 * clocks through an InquiryOpener, then one multi-row INSERT for inquiries; the claims and
 * activities of consecutive runs are written together (run-claims.ts). Bounces, auto-replies
 * and unsubscribe requests go in runs of their own (store-notices.ts). BCC-logged outbound
 * mail and re-runs of quarantined mail go through the per-message path inside the same
 * transaction. Each run's leads, suppressions and inquiries are written before the next run
 * starts, and the claims held back before the next message stored alone, so every message
 * sees what the ones before it did, in order.
 *
 * The result is the store the per-message path would leave. If anything in the batch fails,
 * the transaction rolls back as a whole and the caller stores the batch message by message,
 * so one bad message is quarantined alone, as before.
 */
import type { Config } from '../../config/schema.ts';
import { InquiryOpener } from '../../sla/open-inquiry-batch.ts';
import { insertRows } from '../../store/bulk-insert.ts';
import type { Db } from '../../store/client.ts';
import { transaction } from '../../store/direct-sqlite.ts';
import { LeadBook, type LeadState } from '../../store/leads/lead-book.ts';
import type { Tx } from '../../store/leads/upsert-lead.ts';
import { isInquiryKind } from './rank.ts';
import { RunClaims, type RunItem } from './run-claims.ts';
import {
  applyProcessed,
  CLAIMABLE_STAGES,
  inquiryRow,
  leadInput,
  makesLead,
  NOTICE_KINDS,
  newInquiry,
  type StoreOutcome,
} from './store.ts';
import { applyNotices } from './store-notices.ts';

export interface BatchItem extends RunItem {
  wasQuarantined: boolean;
}

/**
 * How an item is stored: with the set-based run of common kinds, with a run of notices
 * (store-notices.ts), or alone: a re-run of quarantined mail, and BCC-logged outbound mail,
 * which answers every open inquiry of its lead.
 */
type Mode = 'common' | 'notices' | 'alone';

function modeOf(item: BatchItem): Mode {
  const kind = item.processed.understanding.kind;
  if (item.wasQuarantined || kind === 'bcc_outbound') return 'alone';
  return NOTICE_KINDS.includes(kind) ? 'notices' : 'common';
}

export async function storeProcessedBatch(
  db: Db,
  items: readonly BatchItem[],
  now: Date,
  config: Config,
): Promise<StoreOutcome[]> {
  return transaction(
    db,
    async (tx) => {
      const claimable = new Set(
        (
          await tx.message.findMany({
            where: {
              id: { in: items.map((i) => i.messageRowId) },
              stage: { in: CLAIMABLE_STAGES },
            },
            select: { id: true },
          })
        ).map((m) => m.id),
      );
      const outcomes = new Map<number, StoreOutcome>();
      const claims = new RunClaims();
      let run: BatchItem[] = [];
      let runMode: Mode = 'common';
      const flush = async () => {
        if (run.length > 0) {
          await (runMode === 'common'
            ? applySetBased(tx, run, now, config, claims)
            : applyNotices(tx, run, now, claims));
        }
        for (const item of run) outcomes.set(item.messageRowId, 'stored');
        run = [];
      };
      for (const item of items) {
        const mode = modeOf(item);
        if (!claimable.has(item.messageRowId)) outcomes.set(item.messageRowId, 'already_processed');
        else if (mode !== 'alone') {
          if (mode !== runMode) await flush();
          runMode = mode;
          run.push(item);
        } else {
          await flush();
          await claims.write(tx);
          const outcome = await applyProcessed(tx, item.messageRowId, item.processed, now, {
            wasQuarantined: item.wasQuarantined,
            config,
          });
          outcomes.set(item.messageRowId, outcome);
        }
      }
      await flush();
      await claims.write(tx);
      return items.map((i) => outcomes.get(i.messageRowId)!);
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}

async function applySetBased(
  tx: Tx,
  items: BatchItem[],
  now: Date,
  config: Config,
  claims: RunClaims,
): Promise<void> {
  const inputs = items.map((i) =>
    makesLead(i.processed.understanding.kind) ? leadInput(i.processed.understanding) : null,
  );
  const book = await LeadBook.load(
    tx,
    inputs.filter((i) => i !== null),
  );
  const leads: (LeadState | null)[] = inputs.map((input) => (input === null ? null : book.upsert(input)));
  const inquiries = items.flatMap((item, i) =>
    leads[i] && isInquiryKind(item.processed.understanding.kind)
      ? [{ lead: leads[i], sentAt: item.processed.mail.date }]
      : [],
  );
  const opener = inquiries.length === 0 ? null : await InquiryOpener.load(tx, config, now, inquiries);
  const clocks = [];
  for (const [i, item] of items.entries()) {
    const lead = leads[i];
    if (!lead || !isInquiryKind(item.processed.understanding.kind)) continue;
    const p = item.processed;
    book.change(lead, { lastInquiryAt: p.mail.date ?? now });
    const inquiry = newInquiry(p);
    clocks.push({
      item,
      lead,
      clock: await opener!.open({ ...inquiry, lead }, (data) => book.change(lead, data)),
    });
  }
  await book.flush();
  await opener?.flush();
  claims.add(
    items,
    leads.map((lead) => lead?.id ?? null),
    now,
  );
  await insertRows(
    tx,
    'Inquiry',
    // An inquiry born answered names status and answeredAt; the others get them explicitly.
    clocks.map(({ item, lead, clock }) => ({
      status: 'open',
      answeredAt: null,
      ...inquiryRow(item.processed, item.messageRowId, lead.id!, clock),
    })),
    { stamp: ['createdAt'] },
  );
}
