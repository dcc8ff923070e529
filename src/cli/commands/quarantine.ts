import { Command } from 'commander';
import { processPending } from '../../ingest/processor.ts';
import { listQuarantine } from '../../store/ingest/quarantine.ts';
import { rowNumber } from '../arguments.ts';
import type { CommandFactory } from '../main.ts';

export const quarantineCommand: CommandFactory = (ctx) =>
  new Command('quarantine')
    .description('messages whose processing failed, kept raw with the reason')
    .addCommand(
      new Command('list')
        .description('list quarantined messages')
        .option('--json', 'print JSON')
        .option('--all', 'include resolved entries')
        .action(async (opts: { json?: boolean; all?: boolean }) => {
          const c = ctx();
          const entries = await listQuarantine((await c.store()).db, { includeResolved: opts.all });
          if (opts.json) {
            c.out(JSON.stringify(entries));
            return;
          }
          if (entries.length === 0) c.out('quarantine is empty');
          for (const e of entries) {
            c.out(
              `#${e.messageRowId ?? '-'} ${e.messageId ?? '(no Message-ID)'} ${e.stage}/${e.errorCode} x${e.attempts}: ${e.errorMessage}`,
            );
          }
        }),
    );

export const reprocessCommand: CommandFactory = (ctx) =>
  new Command('reprocess')
    .description('run quarantined messages (or the given message numbers) through the pipeline again')
    .argument('[ids...]', 'message numbers from `quarantine list`')
    .action(async (ids: string[]) => {
      const c = ctx();
      // `quarantine list` shows them as #12; either form is taken.
      const numbers = ids.map((id) => rowNumber(id.replace(/^#/, ''), 'a message'));
      const { db } = await c.store();
      const r = await processPending(
        { db, config: c.config(), log: c.log(), now: () => new Date() },
        { stages: ['quarantined', 'received'], ids: numbers.length > 0 ? numbers : undefined },
      );
      c.out(`${r.processed} processed, ${r.quarantined} still quarantined`);
    });
