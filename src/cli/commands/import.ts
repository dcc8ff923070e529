import { Command } from 'commander';
import { importPath } from '../../ingest/import/import.ts';
import { configuredPool, processPending } from '../../ingest/processor.ts';
import type { CommandFactory } from '../main.ts';
import { createProgress } from '../progress.ts';

export const importCommand: CommandFactory = (ctx) =>
  new Command('import')
    .description('import mail history from an mbox file or a folder of .eml files (idempotent)')
    .argument('<path>', 'mbox file, .eml file, or folder')
    .action(async (path: string) => {
      const c = ctx();
      const { db } = await c.store();
      const progress = createProgress('import', c.log(), { unit: 'bytes' });
      const config = c.config();
      const understand = configuredPool(config, c.log());
      const deps = { db, config, log: c.log(), now: () => new Date(), understand };
      const r = await (async () => {
        // Mail an interrupted import (or sync) stored and did not process yet, first: as sync does.
        const left = await processPending(deps);
        if (left.processed + left.quarantined > 0)
          c.out(`${left.processed + left.quarantined} messages left by an earlier run processed first`);
        return importPath(deps, path, (_messages, done, total) => progress.update(done, total));
      })().finally(() => understand.close());
      progress.stop();
      c.out(
        `${r.read} messages read from ${r.files} file${r.files === 1 ? '' : 's'}: ${r.created} new, ${r.alreadyImported} already imported, ${r.duplicates} duplicates; ${r.processed} processed, ${r.quarantined} quarantined`,
      );
    });
