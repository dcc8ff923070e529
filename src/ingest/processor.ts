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
import { storeProcessed } from './stages/store.ts';
import { StageError, type UnderstoodMessage } from './stages/types.ts';

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
    for (const { row, now, message } of understood) {
      let stage = 'rank';
      try {
        const processed = await rankMessage(message, rank);
        stage = 'store';
        const outcome = await storeProcessed(deps.db, row.id, processed, now, {
          wasQuarantined: row.stage === 'quarantined',
          config: deps.config,
        });
        if (outcome === 'stored') report.processed++;
        else report.alreadyProcessed++;
        const key = buyerKeyOf(processed.understanding);
        if (outcome === 'stored' && processed.priority !== null && key !== null) book.noteInquiry(key);
      } catch (err) {
        await fail(row, err, stage, now);
      }
    }
    if (rows.length < batchSize) break;
  }
  return report;
}
