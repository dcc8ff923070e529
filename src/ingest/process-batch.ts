/**
 * One batch of stored raw messages through the pure stages and the store stage, in two steps
 * so the understanding of one batch can overlap the storing of the batch before it:
 *
 * - prepareBatch reads what the batch's headers could refer to (which Message-IDs are ours,
 *   what we sent to whom) and starts parse -> classify -> extract, on a worker thread when
 *   there is a pool;
 * - applyBatch checks those look-ups again once every earlier batch is stored, understands the
 *   batch again if an earlier batch changed them (it stored the outbound mail a reply here
 *   answers), then ranks and stores.
 *
 * So a batch is stored exactly as if the batches had run one after another. A message that
 * fails anywhere is quarantined with the stage and reason; the rest of the batch carries on.
 */
import type { Config } from '../config/schema.ts';
import { describeError, isTrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { addressesOf, erasedAmong, forgetMail, predatesErasure } from '../privacy/erased-mail.ts';
import { loadBuyerHistory } from '../sla/buyer-history.ts';
import type { Db } from '../store/client.ts';
import type { PendingMessage } from '../store/ingest/pending.ts';
import { quarantine } from '../store/ingest/quarantine.ts';
import { isStoreUnavailable } from '../store/unavailable.ts';
import { retryOnWriteConflict } from '../store/write-conflicts.ts';
import { batchLookupData, type OwnMailInBatch } from './batch-lookups.ts';
import { type LookupData, roleForFolder } from './context.ts';
import { rankMessage } from './pipeline.ts';
import { decompressRaw } from './raw/compress.ts';
import { type BuyerKey, buyerKeyOf, isInquiryKind } from './stages/rank.ts';
import { type StoreOutcome, storeProcessed } from './stages/store.ts';
import { storeProcessedBatch } from './stages/store-batch.ts';
import { type ProcessedMessage, StageError, type UnderstoodMessage } from './stages/types.ts';
import {
  failureError,
  type StaticUnderstandContext,
  type UnderstandBatchInput,
  type UnderstandItem,
  type UnderstandOutcome,
} from './workers/understand-batch.ts';
import type { UnderstandPool } from './workers/understand-pool.ts';

export interface BatchDeps {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
  pool: UnderstandPool;
  context: StaticUnderstandContext;
}

export interface ProcessReport {
  processed: number;
  quarantined: number;
  alreadyProcessed: number;
}

export const emptyReport = (): ProcessReport => ({ processed: 0, quarantined: 0, alreadyProcessed: 0 });

export function addReport(into: ProcessReport, r: ProcessReport): void {
  into.processed += r.processed;
  into.quarantined += r.quarantined;
  into.alreadyProcessed += r.alreadyProcessed;
}

export interface PreparedBatch {
  rows: PendingMessage[];
  raws: Buffer[];
  items: UnderstandItem[];
  lookups: LookupData;
  /** Store generation the look-ups were read at (see storeGeneration). */
  readAt: number;
  outcomes: Promise<UnderstandOutcome[]>;
}

/**
 * Counts the batches this process has stored that could change what the look-ups say: those
 * that stored our own outbound mail (the only mail whose Message-ID and recipient the look-ups
 * read) or forgot mail. Look-ups read at the current generation are still what the store says,
 * as far as this process's batches go, so applyBatch reads them again only after such a batch.
 */
let storeGeneration = 0;

function workerFailed(err: unknown): boolean {
  return isTrademailError(err) && err.code === 'WORKER_FAILED';
}

/**
 * Understands a batch; if a worker dies on it, each message is tried again alone, and a message
 * that brings a worker down by itself is failed with WORKER_FAILED (and so quarantined), not
 * retried for ever: one poisonous mail must not stop the mailbox.
 */
export async function understandIsolating(
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

/** The stored raw copy. Unreadable bytes (a damaged database file) fail that message's parse. */
function readRaw(row: PendingMessage): Buffer {
  try {
    return decompressRaw(row.compressed, row.size);
  } catch (err) {
    throw new StageError(
      'parse',
      'PARSE_FAILED',
      `parse: the stored raw copy could not be read: ${describeError(err)}`,
      err,
    );
  }
}

const ownMailIn = (deps: BatchDeps, items: readonly UnderstandItem[]): OwnMailInBatch => ({
  ctx: deps.context,
  roles: items.map((item) => item.role),
});

export async function prepareBatch(deps: BatchDeps, rows: PendingMessage[]): Promise<PreparedBatch> {
  const raws = rows.map(readRaw);
  const items = rows.map((row, i) => ({
    raw: raws[i]!,
    // no folder: the message came from `trademail import`
    role: roleForFolder(row.mailboxRole, row.specialUse, row.folderPath === null),
    now: deps.now(),
  }));
  const readAt = storeGeneration;
  const lookups = await batchLookupData(deps.db, raws, ownMailIn(deps, items));
  const outcomes = understandIsolating(deps.pool, { context: deps.context, lookups, items });
  // Awaited by applyBatch; until then a failure must not count as unhandled.
  outcomes.catch(() => undefined);
  return { rows, raws, items, lookups, readAt, outcomes };
}

const sameLookups = (a: LookupData, b: LookupData) => JSON.stringify(a) === JSON.stringify(b);

/** The batch's outcomes, understood again if a batch stored since changed what its look-ups say. */
async function currentOutcomes(deps: BatchDeps, batch: PreparedBatch): Promise<UnderstandOutcome[]> {
  const outcomes = await batch.outcomes;
  if (batch.readAt === storeGeneration) return outcomes;
  const lookups = await batchLookupData(deps.db, batch.raws, ownMailIn(deps, batch.items));
  if (sameLookups(lookups, batch.lookups)) return outcomes;
  deps.log.debug(
    { messages: batch.rows.length },
    'an earlier batch changed the look-ups: understanding again',
  );
  return understandIsolating(deps.pool, { context: deps.context, lookups, items: batch.items });
}

/** Quarantines one message with the stage and reason of its failure (StageError names its own). */
export async function quarantineRow(
  deps: Pick<BatchDeps, 'db' | 'log'>,
  row: PendingMessage,
  err: unknown,
  stage: string,
  now: Date,
): Promise<void> {
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
}

export async function applyBatch(deps: BatchDeps, batch: PreparedBatch): Promise<ProcessReport> {
  const report = emptyReport();
  const fail = async (row: PendingMessage, err: unknown, stage: string, now: Date): Promise<void> => {
    await quarantineRow(deps, row, err, stage, now);
    report.quarantined++;
  };
  const { rows, items } = batch;
  const outcomes = await currentOutcomes(deps, batch);
  const named = outcomes.map((o) =>
    o.ok ? addressesOf(o.message.mail, o.message.understanding.lead?.email) : [],
  );
  const erased = await erasedAmong(deps.db, named.flat());
  const understood: { row: PendingMessage; now: Date; message: UnderstoodMessage }[] = [];
  let changesLookups = false;
  for (const [i, row] of rows.entries()) {
    const outcome = outcomes[i]!;
    const { now } = items[i]!;
    if (!outcome.ok) await fail(row, failureError(outcome), outcome.stage, now);
    else if (predatesErasure(named[i]!, outcome.message.mail.date ?? now, erased)) {
      // Fetched again after its person was erased (a resync, an old export): forget it again.
      changesLookups = true;
      await forgetMail(deps.db, row.rawMessageId);
      deps.log.info({ message: row.id }, 'mail of an erased person fetched again: forgotten');
    } else {
      understood.push({ row, now, message: outcome.message });
      if (outcome.message.understanding.kind === 'bcc_outbound') changesLookups = true;
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
  const storeBatch = () =>
    storeProcessedBatch(
      deps.db,
      ranked.map(({ row, processed }) => ({
        messageRowId: row.id,
        processed,
        wasQuarantined: row.stage === 'quarantined',
      })),
      ranked.at(-1)?.now ?? deps.now(),
      deps.config,
    );
  try {
    // PostgreSQL: another mailbox's batch may create the same company or lead a moment before
    // this one (or deadlock with it); once it has committed, a second run finds its rows.
    const stored = await retryOnWriteConflict(storeBatch);
    stored.forEach(count);
  } catch (err) {
    // One message spoiled the batch (or another process claimed one): store them one by one,
    // so only the bad one is quarantined.
    if (ranked.length > 0) deps.log.debug({ err: describeError(err) }, 'batch store fell back to one by one');
    for (const { row, now, processed } of ranked) {
      try {
        count(
          await storeProcessed(deps.db, row.id, processed, now, {
            wasQuarantined: row.stage === 'quarantined',
            config: deps.config,
          }),
        );
      } catch (err) {
        // The database's failure, not this message's: the batch waits (see oneByOne).
        if (isStoreUnavailable(err)) throw err;
        await fail(row, err, 'store', now);
      }
    }
  } finally {
    if (changesLookups) storeGeneration++;
  }
  return report;
}
