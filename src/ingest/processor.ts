/**
 * Takes stored raw messages through the pure stages and the store stage. Runs after every
 * fetched batch and at start-up (so a message stored just before a crash is processed after
 * it), and for `trademail reprocess`. A message that fails anywhere is quarantined with the
 * stage and reason; the rest of the batch carries on.
 */
import type { Config } from '../config/schema.ts';
import { describeError, isTrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import type { Db } from '../store/client.ts';
import { pendingMessages } from '../store/ingest/pending.ts';
import { quarantine } from '../store/ingest/quarantine.ts';
import { batchLookups, pipelineContext, roleForFolder, staticUnderstandContext } from './context.ts';
import { runPureStages } from './pipeline.ts';
import { decompressRaw } from './raw/compress.ts';
import { storeProcessed } from './stages/store.ts';
import { StageError } from './stages/types.ts';

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
    for (const [i, row] of rows.entries()) {
      const raw = raws[i]!;
      const now = deps.now();
      const ctx = pipelineContext(base, lookups, roleForFolder(row.mailboxRole, row.specialUse), now);
      let stage = 'parse';
      try {
        const processed = await runPureStages(raw, ctx);
        stage = 'store';
        const outcome = await storeProcessed(deps.db, row.id, processed, now, {
          wasQuarantined: row.stage === 'quarantined',
        });
        if (outcome === 'stored') report.processed++;
        else report.alreadyProcessed++;
      } catch (err) {
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
      }
    }
    if (rows.length < batchSize) break;
  }
  return report;
}
