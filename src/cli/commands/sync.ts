import { Command } from 'commander';
import { describeError, isTrademailError, TrademailError } from '../../errors.ts';
import { configuredPool, processPending } from '../../ingest/processor.ts';
import { startStrandedSweep } from '../../ingest/stranded.ts';
import { startMailboxSync } from '../../ingest/sync/mailbox-sync.ts';
import { sentGate } from '../../ingest/sync/sent-gate.ts';
import { syncOnce } from '../../ingest/sync/sync-once.ts';
import type { CommandFactory } from '../main.ts';
import { createProgress } from '../progress.ts';

export const syncCommand: CommandFactory = (ctx) =>
  new Command('sync')
    .description('fetch new mail from the configured mailboxes (one pass with --once, else keep watching)')
    .option('--mailbox <name>', 'only this mailbox')
    .option('--once', 'one pass over every folder, then exit')
    .action(async (opts: { mailbox?: string; once?: boolean }) => {
      const c = ctx();
      const config = c.config();
      const mailboxes = config.mailboxes.filter((m) => !opts.mailbox || m.name === opts.mailbox);
      if (mailboxes.length === 0) {
        throw new TrademailError(
          'USAGE',
          opts.mailbox
            ? `--mailbox: no mailbox named "${opts.mailbox}" in the config`
            : 'no mailboxes configured: add one to the config first',
        );
      }
      const { db } = await c.store();
      const log = c.log();
      const now = () => new Date();
      // One pool of understanding threads for every mailbox of this run.
      const understand = configuredPool(config, log);
      const deps = { db, config, log, now, understand };
      try {
        await processPending(deps);
        if (!opts.once) {
          // Every mailbox's sent mail before the other folders of any (sent-gate.ts).
          const gate = sentGate(mailboxes.map((m) => m.name));
          const started = await Promise.allSettled(
            mailboxes.map((m) => startMailboxSync(m, { ...deps, sentGate: gate })),
          );
          const syncs = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
          const failed = started.find((r) => r.status === 'rejected');
          if (failed) {
            // The command ends with the error, so the mailboxes that did start stop first: left
            // running, they would go on fetching after the understanding threads have closed.
            await Promise.all(syncs.map((s) => s.stop()));
            throw failed.reason;
          }
          const sweep = startStrandedSweep(deps);
          c.out(`watching ${syncs.length} mailbox${syncs.length === 1 ? '' : 'es'}; press Ctrl+C to stop`);
          const keepAlive = setInterval(() => undefined, 60_000);
          await new Promise<void>((resolve) => {
            const stop = () =>
              void Promise.all([...syncs.map((s) => s.stop()), sweep.stop()]).then(() => resolve());
            process.once('SIGINT', stop);
            process.once('SIGTERM', stop);
          });
          clearInterval(keepAlive);
          return;
        }
        const failures = await syncOnce(mailboxes, {
          ...deps,
          progress: (label) => createProgress(label, log),
          onFolder: (label, r) =>
            c.out(
              `${label}: ${r.fetched} fetched, ${r.created} new, ${r.duplicates} duplicates${r.resynced ? ' (UIDVALIDITY changed: resynced)' : ''}${r.skipped.length > 0 ? `; skipped UID ${r.skipped.join(', ')}: the server lists it but gave no content for it after repeated tries` : ''}`,
            ),
        });
        if (failures.length === 1) throw failures[0]!.err;
        if (failures.length > 1) {
          const first = failures[0]!.err;
          throw new TrademailError(
            isTrademailError(first) ? first.code : 'IMAP_PROTOCOL',
            `${failures.length} failed: ${failures.map((f) => `${f.where}: ${describeError(f.err)}`).join('; ')}`,
          );
        }
      } finally {
        await understand.close();
      }
    });
