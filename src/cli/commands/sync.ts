import { Command } from 'commander';
import { describeError, isTrademailError, TrademailError } from '../../errors.ts';
import { batchProcessor, configuredPool, processPending } from '../../ingest/processor.ts';
import { startStrandedSweep } from '../../ingest/stranded.ts';
import { syncFolderPass } from '../../ingest/sync/folder-sync.ts';
import { foldersToWatch, sentFirst } from '../../ingest/sync/folders-to-watch.ts';
import { startMailboxSync } from '../../ingest/sync/mailbox-sync.ts';
import { connectImap } from '../../mail/imap.ts';
import {
  ensureFolder,
  ensureMailbox,
  markFoldersFailed,
  setFolderState,
} from '../../store/ingest/folders.ts';
import type { CommandFactory } from '../main.ts';
import { createProgress } from '../progress.ts';

/** Keeps an error for `status`; if even that fails, the error being reported is what counts. */
const record = (write: Promise<void>): Promise<void> => write.catch(() => undefined);

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
        // One mailbox or folder that fails does not stop the others; each failure is kept on
        // its folders for `status`, and the command ends with all of them, exit 1.
        const failures: { where: string; err: unknown }[] = [];
        for (const m of mailboxes) {
          const mailboxId = await ensureMailbox(db, { name: m.name, role: m.role, address: m.address });
          let client: Awaited<ReturnType<typeof connectImap>>;
          try {
            client = await connectImap(m.imap, log);
          } catch (err) {
            failures.push({ where: m.name, err });
            await record(markFoldersFailed(db, mailboxId, m.folders, describeError(err), now()));
            continue;
          }
          try {
            for (const f of sentFirst(await foldersToWatch(client, m))) {
              const cursor = await ensureFolder(db, mailboxId, f.path, f.specialUse);
              if (!client.usable) {
                // The folder before dropped the connection (a message the server could not read
                // ends its session): this one gets a connection of its own.
                try {
                  client = await connectImap(m.imap, log);
                } catch (err) {
                  failures.push({ where: `${m.name}/${f.path}`, err });
                  await record(setFolderState(db, cursor.folderId, 'error', now(), describeError(err)));
                  continue;
                }
              }
              const progress = createProgress(`${m.name}/${f.path}`, log);
              const processor = batchProcessor(deps);
              try {
                const result = await syncFolderPass(client, f.path, cursor, {
                  db,
                  log: log.child({ mailbox: m.name, folder: f.path }),
                  now,
                  batchSize: config.sync.batchSize,
                  since: m.since,
                  afterBatch: async (ids) => void (await processor.submit(ids)),
                  onProgress: (done, total) => progress.update(done, total),
                });
                c.out(
                  `${m.name}/${f.path}: ${result.fetched} fetched, ${result.created} new, ${result.duplicates} duplicates${result.resynced ? ' (UIDVALIDITY changed: resynced)' : ''}`,
                );
              } catch (err) {
                failures.push({ where: `${m.name}/${f.path}`, err });
                await record(setFolderState(db, cursor.folderId, 'error', now(), describeError(err)));
              } finally {
                progress.stop();
              }
            }
          } catch (err) {
            // the folder list could not be read
            failures.push({ where: m.name, err });
            await record(markFoldersFailed(db, mailboxId, m.folders, describeError(err), now()));
          } finally {
            await client.logout().catch(() => client.close());
          }
        }
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
