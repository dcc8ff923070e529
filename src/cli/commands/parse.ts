import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig, parseConfig } from '../../config/load.ts';
import { TrademailError } from '../../errors.ts';
import { batchLookups, pipelineContext, staticUnderstandContext } from '../../ingest/context.ts';
import { runPureStages } from '../../ingest/pipeline.ts';
import { toParseJson } from '../../understand/understand.ts';
import type { CommandFactory } from '../main.ts';

/**
 * `trademail parse <file.eml> --json`: the live pipeline's parse, classify and extract stages on
 * one file. With a config, our domains and catalogue apply; when the configured store exists,
 * replies are matched against our sent mail there too. The file name plays no part.
 */
export const parseCommand: CommandFactory = (ctx) =>
  new Command('parse')
    .description('show how trademail reads one message (.eml file)')
    .argument('<file>', 'an RFC 5322 message file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const c = ctx();
      let raw: Buffer;
      try {
        raw = readFileSync(file);
      } catch (cause) {
        throw new TrademailError('USAGE', `${file}: cannot read the file`, { cause });
      }
      let config: ReturnType<typeof loadConfig>;
      let configFound = true;
      try {
        config = loadConfig(c.options.config);
      } catch (err) {
        if (!(err instanceof TrademailError) || err.code !== 'CONFIG_NOT_FOUND' || c.options.config !== 'trademail.config.yaml') throw err;
        // No config in this folder: our domains are unknown, everything else works.
        configFound = false;
        config = parseConfig({ company: { name: 'unknown', domains: ['example.invalid'] } }, {});
      }
      const lookups = configFound ? await storeLookups(c, raw) : null;
      const context = pipelineContext(staticUnderstandContext(config), lookups ?? { isOurMessageId: () => false, findSentThread: () => null }, null, new Date());
      const result = await runPureStages(raw, context);
      const json = toParseJson(result.understanding);
      c.out(opts.json ? JSON.stringify(json) : JSON.stringify(json, null, 2));
    });

async function storeLookups(c: ReturnType<Parameters<CommandFactory>[0]>, raw: Buffer) {
  try {
    const store = await c.store();
    return await batchLookups(store.db, [raw]);
  } catch {
    return null;
  }
}
