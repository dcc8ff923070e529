import { Command } from 'commander';
import { TrademailError } from '../../errors.ts';
import { batchProcessor, configuredPool, processPending } from '../../ingest/processor.ts';
import { startStrandedSweep } from '../../ingest/stranded.ts';
import { syncFolderPass } from '../../ingest/sync/folder-sync.ts';
import { foldersToWatch } from '../../ingest/sync/folders-to-watch.ts';
import { startMailboxSync } from '../../ingest/sync/mailbox-sync.ts';
import { connectImap } from '../../mail/imap.ts';
import { ensureFolder, ensureMailbox } from '../../store/ingest/folders.ts';
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
          const started = await Promise.allSettled(mailboxes.map((m) => startMailboxSync(m, deps)));
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
        for (const m of mailboxes) {
          const mailboxId = await ensureMailbox(db, { name: m.name, role: m.role, address: m.address });
          const client = await connectImap(m.imap, log);
          try {
            for (const f of await foldersToWatch(client, m)) {
              const cursor = await ensureFolder(db, mailboxId, f.path, f.specialUse);
              const progress = createProgress(`${m.name}/${f.path}`, log);
              const processor = batchProcessor(deps);
              const result = await syncFolderPass(client, f.path, cursor, {
                db,
                log: log.child({ mailbox: m.name, folder: f.path }),
                now,
                batchSize: config.sync.batchSize,
                since: m.since,
                afterBatch: async (ids) => void (await processor.submit(ids)),
                onProgress: (done, total) => progress.update(done, total),
              });
              progress.stop();
              c.out(
                `${m.name}/${f.path}: ${result.fetched} fetched, ${result.created} new, ${result.duplicates} duplicates${result.resynced ? ' (UIDVALIDITY changed: resynced)' : ''}`,
              );
            }
          } finally {
            await client.logout().catch(() => client.close());
          }
        }
      } finally {
        await understand.close();
      }
    });
