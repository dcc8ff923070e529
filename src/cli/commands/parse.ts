import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig, parseConfig } from '../../config/load.ts';
import { TrademailError } from '../../errors.ts';
import { batchLookups } from '../../ingest/batch-lookups.ts';
import { pipelineContext, staticUnderstandContext } from '../../ingest/context.ts';
import { rankMessage } from '../../ingest/pipeline.ts';
import {
  type BuyerHistory,
  type BuyerKey,
  buyerKeyOf,
  NO_HISTORY,
  priorityJson,
} from '../../ingest/stages/rank.ts';
import { understandMessage } from '../../ingest/understand-message.ts';
import { loadBuyerHistory } from '../../sla/buyer-history.ts';
import { toParseJson } from '../../understand/understand.ts';
import type { CommandFactory } from '../main.ts';

/**
 * `trademail parse <file.eml> --json`: the live pipeline's parse, classify, extract and rank
 * stages on one file. With a config, our domains, catalogue, ranking weights and known
 * customers apply; when the configured store exists, replies are matched against our sent mail
 * there and the buyer's earlier inquiries count. The file name plays no part. The output is the
 * parse JSON contract with `priority` ({score, tier, slaHours, reasons}, null for anything that
 * is not an inquiry) as its last key.
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
        if (
          !(err instanceof TrademailError) ||
          err.code !== 'CONFIG_NOT_FOUND' ||
          c.options.config !== 'trademail.config.yaml'
        )
          throw err;
        // No config in this folder: our domains are unknown, everything else works.
        configFound = false;
        config = parseConfig({ company: { name: 'unknown', domains: ['example.invalid'] } }, {});
      }
      const lookups = configFound ? await storeLookups(c, raw) : null;
      const context = pipelineContext(
        staticUnderstandContext(config),
        lookups ?? { isOurMessageId: () => false, findSentThread: () => null },
        null,
        new Date(),
      );
      const understood = await understandMessage(raw, context);
      const key = buyerKeyOf(understood.understanding);
      const history = configFound && key !== null ? await storeHistory(c, key) : null;
      const result = await rankMessage(understood, {
        ranking: config.ranking,
        accounts: config.customers.accounts,
        history: () => history ?? NO_HISTORY,
      });
      const json = { ...toParseJson(result.understanding), priority: priorityJson(result.priority) };
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

async function storeHistory(
  c: ReturnType<Parameters<CommandFactory>[0]>,
  key: BuyerKey,
): Promise<BuyerHistory | null> {
  try {
    const store = await c.store();
    return (await loadBuyerHistory(store.db, [key])).history(key);
  } catch {
    return null;
  }
}
