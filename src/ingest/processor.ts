/**
 * Takes stored raw messages through the pure stages and the store stage. Runs after every
 * fetched batch and at start-up (so a message stored just before a crash is processed after
 * it), and for `trademail reprocess`. A message that fails anywhere is quarantined with the
 * stage and reason; the rest of the batch carries on.
 */
import type { Config } from '../config/schema.ts';
import { describeError, isTrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { addressesOf, erasedAmong, forgetMail, predatesErasure } from '../privacy/erased-mail.ts';
import { loadBuyerHistory } from '../sla/buyer-history.ts';
import type { Db } from '../store/client.ts';
import { type PendingMessage, pendingMessages } from '../store/ingest/pending.ts';
import { quarantine } from '../store/ingest/quarantine.ts';
import { batchLookupData, roleForFolder, staticUnderstandContext } from './context.ts';
import { rankMessage } from './pipeline.ts';
import { decompressRaw } from './raw/compress.ts';
import { type BuyerKey, buyerKeyOf, isInquiryKind } from './stages/rank.ts';
import { type StoreOutcome, storeProcessed } from './stages/store.ts';
import { storeProcessedBatch } from './stages/store-batch.ts';
import { type ProcessedMessage, StageError, type UnderstoodMessage } from './stages/types.ts';
import {
  failureError,
  type StaticUnderstandContext,
  staticPart,
  type UnderstandBatchInput,
  type UnderstandOutcome,
} from './workers/understand-batch.ts';
import { createUnderstandPool, type UnderstandPool } from './workers/understand-pool.ts';

export interface ProcessDeps {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
  /** Worker threads for parse, classify and extract; without one they run on this thread. */
  understand?: UnderstandPool;
}

const INLINE = createUnderstandPool({ size: 0 });

/** The pool a long run (service, sync, import) understands mail with: `sync.workers` threads. */
export function configuredPool(config: Config, log: Logger): UnderstandPool {
  return createUnderstandPool({ size: config.sync.workers, logger: log });
}

/** One context object per config: a pool's workers keep their copy of it by identity. */
const contexts = new WeakMap<Config, StaticUnderstandContext>();
function contextOf(config: Config): StaticUnderstandContext {
  let context = contexts.get(config);
  if (context === undefined) {
    context = staticPart(staticUnderstandContext(config));
    contexts.set(config, context);
  }
  return context;
}

export interface ProcessReport {
  processed: number;
  quarantined: number;
  alreadyProcessed: number;
}

function workerFailed(err: unknown): boolean {
  return isTrademailError(err) && err.code === 'WORKER_FAILED';
}

/**
 * Understands a batch; if a worker dies on it, each message is tried again alone, and a message
 * that brings a worker down by itself is failed with WORKER_FAILED (and so quarantined), not
 * retried for ever: one poisonous mail must not stop the mailbox.
 */
async function understandIsolating(
  pool: UnderstandPool,
  input: UnderstandBatchInput,
): Promise<UnderstandOutcome[]> {
  try {
    return await pool.understand(input);
  } catch (err) {
    if (!workerFailed(err)) throw err;
    if (input.items.length === 1) {
      return [{ ok: false, stage: 'parse', code: 'WORKER_FAILED', message: describeError(err) }];
    }
    const outcomes: UnderstandOutcome[] = [];
    for (const item of input.items)
      outcomes.push(...(await understandIsolating(pool, { ...input, items: [item] })));
    return outcomes;
  }
}

export async function processPending(
  deps: ProcessDeps,
  options: { ids?: number[]; stages?: string[]; batchSize?: number } = {},
): Promise<ProcessReport> {
  const report: ProcessReport = { processed: 0, quarantined: 0, alreadyProcessed: 0 };
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
    // Parse, classify and extract the whole batch first (on a worker thread when there is a
    // pool), so the buyers' history is read once.
    const items = rows.map((row, i) => ({
      raw: raws[i]!,
      role: roleForFolder(row.mailboxRole, row.specialUse),
      now: deps.now(),
    }));
    const outcomes = await understandIsolating(deps.understand ?? INLINE, {
      context: contextOf(deps.config),
      lookups: await batchLookupData(deps.db, raws),
      items,
    });
    const named = outcomes.map((o) =>
      o.ok ? addressesOf(o.message.mail, o.message.understanding.lead?.email) : [],
    );
    const erased = await erasedAmong(deps.db, named.flat());
    const understood: { row: PendingMessage; now: Date; message: UnderstoodMessage }[] = [];
    for (const [i, row] of rows.entries()) {
      const outcome = outcomes[i]!;
      const { now } = items[i]!;
      if (!outcome.ok) await fail(row, failureError(outcome), outcome.stage, now);
      else if (predatesErasure(named[i]!, outcome.message.mail.date ?? now, erased)) {
        // Fetched again after its person was erased (a resync, an old export): forget it again.
        await forgetMail(deps.db, row.rawMessageId);
        deps.log.info({ message: row.id }, 'mail of an erased person fetched again: forgotten');
      } else understood.push({ row, now, message: outcome.message });
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
