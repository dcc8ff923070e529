/**
 * Takes stored raw messages through the pure stages and the store stage. Runs after every
 * fetched batch and at start-up (so a message stored just before a crash is processed after
 * it), and for `trademail reprocess`. A message that fails anywhere is quarantined with the
 * stage and reason; the rest of the batch carries on.
 */
import type { Config } from '../config/schema.ts';
import { describeError, isTrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { loadBuyerHistory } from '../sla/buyer-history.ts';
import type { Db } from '../store/client.ts';
import { type PendingMessage, pendingMessages } from '../store/ingest/pending.ts';
import { quarantine } from '../store/ingest/quarantine.ts';
import { batchLookups, pipelineContext, roleForFolder, staticUnderstandContext } from './context.ts';
import { rankMessage, understandMessage } from './pipeline.ts';
import { decompressRaw } from './raw/compress.ts';
import { type BuyerKey, buyerKeyOf, isInquiryKind } from './stages/rank.ts';
import { type StoreOutcome, storeProcessed } from './stages/store.ts';
import { storeProcessedBatch } from './stages/store-batch.ts';
import { type ProcessedMessage, StageError, type UnderstoodMessage } from './stages/types.ts';

export interface ProcessDeps {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
}

export interface ProcessReport {
  processed: number;
  quarantined: number;
  alreadyProcessed: number;
}

export async function processPending(
  deps: ProcessDeps,
  options: { ids?: number[]; stages?: string[]; batchSize?: number } = {},
): Promise<ProcessReport> {
  const report: ProcessReport = { processed: 0, quarantined: 0, alreadyProcessed: 0 };
  const base = staticUnderstandContext(deps.config);
  const batchSize = options.batchSize ?? 100;
  const fail = async (row: PendingMessage, err: unknown, stage: string, now: Date): Promise<void> => {
    const failedStage = err instanceof StageError ? err.stage : stage;
    const code = isTrademailError(err) ? err.code : 'STORE_FAILED';
    deps.log.warn(
      { message: row.id, stage: failedStage, code, err: describeError(err) },
      'message quarantined',
    );
    await quarantine(
      deps.db,
      {
        rawMessageId: row.rawMessageId,
        messageRowId: row.id,
        stage: failedStage,
        errorCode: code,
        errorMessage: describeError(err),
      },
      now,
    );
    report.quarantined++;
  };
  let afterId = 0;
  for (;;) {
    const rows = await pendingMessages(deps.db, {
      stages: options.stages,
      ids: options.ids,
      limit: batchSize,
      afterId,
    });
    if (rows.length === 0) break;
    afterId = rows.at(-1)!.id;
    const raws = rows.map((r) => decompressRaw(r.compressed));
    const lookups = await batchLookups(deps.db, raws);
    // Parse, classify and extract the whole batch first, so the buyers' history is read once.
    const understood: { row: PendingMessage; now: Date; message: UnderstoodMessage }[] = [];
    for (const [i, row] of rows.entries()) {
      const now = deps.now();
      const ctx = pipelineContext(base, lookups, roleForFolder(row.mailboxRole, row.specialUse), now);
      try {
        understood.push({ row, now, message: await understandMessage(raws[i]!, ctx) });
      } catch (err) {
        await fail(row, err, 'parse', now);
      }
    }
    const keys: BuyerKey[] = [];
    for (const { message } of understood) {
      const key = isInquiryKind(message.understanding.kind) ? buyerKeyOf(message.understanding) : null;
      if (key !== null) keys.push(key);
    }
    const book = await loadBuyerHistory(deps.db, keys);
    const rank = {
      ranking: deps.config.ranking,
      accounts: deps.config.customers.accounts,
      history: book.history,
    };
    // Rank in order, counting each inquiry in before the next, so a buyer's second mail in
    // the batch is ranked as a repeat.
    const ranked: { row: PendingMessage; now: Date; processed: ProcessedMessage }[] = [];
    for (const { row, now, message } of understood) {
      try {
        const processed = await rankMessage(message, rank);
        ranked.push({ row, now, processed });
        const key = buyerKeyOf(processed.understanding);
        if (processed.priority !== null && key !== null) book.noteInquiry(key);
      } catch (err) {
        await fail(row, err, 'rank', now);
      }
    }
    const count = (outcome: StoreOutcome) => {
      if (outcome === 'stored') report.processed++;
      else report.alreadyProcessed++;
    };
    try {
      const items = ranked.map(({ row, processed }) => ({
        messageRowId: row.id,
        processed,
        wasQuarantined: row.stage === 'quarantined',
      }));
      const outcomes = await storeProcessedBatch(
        deps.db,
        items,
        ranked.at(-1)?.now ?? deps.now(),
        deps.config,
      );
      outcomes.forEach(count);
    } catch (err) {
      // One message spoiled the batch (or another process claimed one): store them one by one,
      // so only the bad one is quarantined.
      if (ranked.length > 0)
        deps.log.debug({ err: describeError(err) }, 'batch store fell back to one by one');
      for (const { row, now, processed } of ranked) {
        try {
          count(
            await storeProcessed(deps.db, row.id, processed, now, {
              wasQuarantined: row.stage === 'quarantined',
              config: deps.config,
            }),
          );
        } catch (err) {
          await fail(row, err, 'store', now);
        }
      }
    }
    if (rows.length < batchSize) break;
  }
  return report;
}
