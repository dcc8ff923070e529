/**
 * Takes stored raw messages through the pure stages and the store stage. Runs after every
 * fetched batch and at start-up (so a message stored just before a crash is processed after
 * it), and for `trademail reprocess`. A message that fails anywhere is quarantined with the
 * stage and reason; the rest of the batch carries on.
 *
 * Batches are applied strictly in the order they come, but the understanding of the next one
 * starts as soon as it is read, so with worker threads it runs while this thread stores the
 * batch before it (see process-batch.ts for why that gives the same result).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config/schema.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/client.ts';
import { type PendingMessage, pendingMessages, pendingSizes } from '../store/ingest/pending.ts';
import { isStoreUnavailable } from '../store/unavailable.ts';
import { sizedBatches } from './batches.ts';
import { staticUnderstandContext } from './context.ts';
import {
  addReport,
  applyBatch,
  type BatchDeps,
  emptyReport,
  type ProcessReport,
  prepareBatch,
  quarantineRow,
} from './process-batch.ts';
import { type StaticUnderstandContext, staticPart } from './workers/understand-batch.ts';
import { createUnderstandPool, type UnderstandPool } from './workers/understand-pool.ts';

export type { ProcessReport } from './process-batch.ts';

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

function batchDeps(deps: ProcessDeps): BatchDeps {
  return { ...deps, pool: deps.understand ?? INLINE, context: contextOf(deps.config) };
}

export interface BatchProcessor {
  /**
   * Starts understanding the rows at once; stores them after every batch submitted before has
   * been stored. Resolves with this batch's report.
   */
  submitRows(rows: PendingMessage[]): Promise<ProcessReport>;
  /** submitRows for the stored messages among `ids` that still wait for processing. */
  submit(ids: number[]): Promise<ProcessReport>;
}

export function batchProcessor(deps: ProcessDeps): BatchProcessor {
  const bd = batchDeps(deps);
  let chain: Promise<unknown> = Promise.resolve();
  const submitRows = (rows: PendingMessage[]): Promise<ProcessReport> => {
    if (rows.length === 0) return Promise.resolve(emptyReport());
    const prepared = prepareBatch(bd, rows);
    // Its failure is reported through `done`; until the chain gets to it, it is not unhandled.
    prepared.catch(() => undefined);
    const done = chain.then(async () => {
      try {
        return await applyBatch(bd, await prepared);
      } catch (err) {
        if (isStoreUnavailable(err)) return afterOutage(bd, rows, err);
        return oneByOne(bd, rows, err);
      }
    });
    // The next batch waits for this one to end, stored or failed; the failure is the caller's.
    chain = done.catch(() => undefined);
    return done;
  };
  return {
    submitRows,
    async submit(ids) {
      if (ids.length === 0) return emptyReport();
      return submitRows(await pendingMessages(deps.db, { ids, limit: ids.length }));
    },
  };
}

/** Waits before the tries again of a batch the database failed (a blip, a busy pool). */
const OUTAGE_RETRY_MS = [500, 1000, 2000];

/**
 * The database failed, not a message (unavailable.ts): a connection the server ended, a pool
 * with no connection free in time, SQLite locked by another process. The batch is tried again
 * a few times over a few seconds, on its rows as they are stored now (those the failed try
 * stored or quarantined are not read again), then left stored raw for the sweep (stranded.ts).
 * Never row by row: that would quarantine good mail for the database's fault.
 */
async function afterOutage(bd: BatchDeps, rows: PendingMessage[], outage: unknown): Promise<ProcessReport> {
  const stages = [...new Set(rows.map((r) => r.stage))];
  const ids = rows.map((r) => r.id);
  let last = outage;
  let fresh = rows;
  for (const waitMs of OUTAGE_RETRY_MS) {
    bd.log.warn(
      { messages: rows.length, err: describeError(last), waitMs },
      'database failed: trying the batch again',
    );
    await sleep(waitMs);
    try {
      fresh = await pendingMessages(bd.db, { stages, ids, limit: ids.length });
      return await applyBatch(bd, await prepareBatch(bd, fresh));
    } catch (err) {
      if (!isStoreUnavailable(err)) return oneByOne(bd, fresh, err);
      last = err;
    }
  }
  throw last;
}

/**
 * A batch that failed as a whole (a step that reads or writes for all its messages at once)
 * is run again message by message, so that the one message behind the failure is quarantined
 * and the others are processed: one bad mail never holds up the mail behind it. A message that
 * fails alone is quarantined, unless the failure was the store's (it went away, or ended the
 * session); then, as when not even the quarantine can be written, the failure goes up and the
 * messages stay stored raw, waiting (stranded.ts).
 */
async function oneByOne(bd: BatchDeps, rows: PendingMessage[], batchError: unknown): Promise<ProcessReport> {
  bd.log.warn(
    { messages: rows.length, err: describeError(batchError) },
    'batch failed: processing its messages one by one',
  );
  const report = emptyReport();
  for (const row of rows) {
    try {
      addReport(report, await applyBatch(bd, await prepareBatch(bd, [row])));
    } catch (err) {
      // The database failed, not the message (unavailable.ts): quarantining it would make a
      // person re-run good mail. It stays stored raw, waiting, like the rest of the batch.
      if (isStoreUnavailable(err)) throw err;
      await quarantineRow(bd, row, err, 'store', bd.now());
      report.quarantined++;
    }
  }
  return report;
}

export async function processPending(
  deps: ProcessDeps,
  options: { ids?: number[]; stages?: string[]; batchSize?: number; batchBytes?: number } = {},
): Promise<ProcessReport> {
  const report = emptyReport();
  const batchSize = options.batchSize ?? 100;
  const processor = batchProcessor(deps);
  // One batch in hand while the next is read and understood.
  let inFlight: Promise<ProcessReport> | null = null;
  let afterId = 0;
  try {
    for (;;) {
      // Chosen by size first, so a backlog of mails with large attachments is read a few at a
      // time rather than a hundred at once (batches.ts).
      const candidates = await pendingSizes(deps.db, {
        stages: options.stages,
        ids: options.ids,
        limit: batchSize,
        afterId,
      });
      if (candidates.length === 0) break;
      const ids = sizedBatches(candidates, (c) => c.size, batchSize, options.batchBytes)[0]!.map((c) => c.id);
      afterId = ids.at(-1)!;
      const rows = await pendingMessages(deps.db, { stages: options.stages, ids, limit: ids.length });
      const previous = inFlight;
      inFlight = processor.submitRows(rows);
      if (previous !== null) addReport(report, await previous);
      if (candidates.length < batchSize && ids.length === candidates.length) break;
    }
    if (inFlight !== null) addReport(report, await inFlight);
  } catch (err) {
    // A batch already submitted still finishes before the failure goes up.
    await inFlight?.catch(() => undefined);
    throw err;
  }
  return report;
}
