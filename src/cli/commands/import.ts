import { Command } from 'commander';
import { importPath } from '../../ingest/import/import.ts';
import { configuredPool } from '../../ingest/processor.ts';
import type { CommandFactory } from '../main.ts';
import { createProgress } from '../progress.ts';

export const importCommand: CommandFactory = (ctx) =>
  new Command('import')
    .description('import mail history from an mbox file or a folder of .eml files (idempotent)')
    .argument('<path>', 'mbox file, .eml file, or folder')
    .action(async (path: string) => {
      const c = ctx();
      const { db } = await c.store();
      const progress = createProgress('import', c.log());
      const config = c.config();
      const understand = configuredPool(config, c.log());
      const r = await importPath({ db, config, log: c.log(), now: () => new Date(), understand }, path, (n) =>
        progress.update(n),
      ).finally(() => understand.close());
      progress.stop();
      c.out(
        `${r.read} messages read from ${r.files} file${r.files === 1 ? '' : 's'}: ${r.created} new, ${r.alreadyImported} already imported, ${r.duplicates} duplicates; ${r.processed} processed, ${r.quarantined} quarantined`,
      );
    });
