import { Command } from 'commander';
import { syncStatus } from '../../store/ingest/status.ts';
import type { CommandFactory } from '../main.ts';

export const statusCommand: CommandFactory = (ctx) =>
  new Command('status')
    .description('per mailbox and folder: last sync, cursor, message and quarantine counts, errors')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const c = ctx();
      const status = await syncStatus((await c.store()).db);
      if (opts.json) {
        c.out(JSON.stringify(status));
        return;
      }
      if (status.mailboxes.length === 0) c.out('no mailbox has been synced yet');
      for (const m of status.mailboxes) {
        c.out(m.name);
        for (const f of m.folders) {
          c.out(
            `  ${f.path}: ${f.messages} messages, ${f.quarantined} quarantined, uidValidity ${f.uidValidity ?? '-'}, lastUid ${f.lastUid}, last sync ${f.lastSyncAt ?? 'never'}${f.error ? `, ERROR: ${f.error}` : ''}`,
          );
        }
      }
    });
