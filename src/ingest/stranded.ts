/**
 * Mail stored raw but never processed while the service kept running: the processing of its
 * batch failed after the batch and its cursor were committed (the store went away for a moment,
 * a write conflict outlasted its retries), so the next pass starts past it. Raw first means it
 * is not lost; this sweep is what processes it without waiting for a restart. Only messages
 * waiting longer than any batch in flight can take are taken, so a sweep does not race the
 * sync's own processing (if it did, the claim on each message would still store it once).
 */
import { describeError } from '../errors.ts';
import { addReport, emptyReport, type ProcessReport } from './process-batch.ts';
import { type ProcessDeps, processPending } from './processor.ts';

/** A message still waiting this long after it was stored is stranded. */
export const STRANDED_AFTER_MS = 5 * 60_000;
/** How often the running service looks for stranded mail. */
export const SWEEP_EVERY_MS = 5 * 60_000;
const PAGE = 1000;

/** Processes the messages stored at least `olderThanMs` ago and still waiting. */
export async function processStranded(
  deps: ProcessDeps,
  olderThanMs = STRANDED_AFTER_MS,
): Promise<ProcessReport> {
  const before = new Date(deps.now().getTime() - olderThanMs);
  const report = emptyReport();
  let afterId = 0;
  // A page that fails does not hold up the pages after it; the first failure is reported.
  let failure: { err: unknown } | undefined;
  for (;;) {
    const page = await deps.db.message.findMany({
      where: { stage: 'received', stageEnteredAt: { lt: before }, id: { gt: afterId } },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    if (page.length === 0) break;
    afterId = page.at(-1)!.id;
    try {
      addReport(report, await processPending(deps, { ids: page.map((m) => m.id) }));
    } catch (err) {
      failure ??= { err };
    }
    if (page.length < PAGE) break;
  }
  if (failure) throw failure.err;
  return report;
}

/** Runs processStranded every `everyMs` until stopped; a failed sweep is logged and tried again. */
export function startStrandedSweep(deps: ProcessDeps, everyMs = SWEEP_EVERY_MS): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const sweep = async (): Promise<void> => {
    try {
      const r = await processStranded(deps);
      if (r.processed + r.quarantined > 0)
        deps.log.warn(r, 'processed mail left waiting after a failed batch');
    } catch (err) {
      deps.log.error(
        { err: describeError(err) },
        'stranded mail could not be processed; the next sweep retries',
      );
    }
  };
  const timer = setInterval(() => {
    running ??= sweep().finally(() => {
      running = null;
    });
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
