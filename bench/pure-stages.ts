/**
 * CPU cost of the pure ingest stages (parse -> classify -> extract -> rank) on generated buyer
 * inquiries, against mailparser parsing the same raws and nothing else (the baseline every
 * message pays anyway), in the same run. No store, no network: the buyers' history is empty.
 *
 *   node --import tsx bench/pure-stages.ts [messages=2000]
 */
import { simpleParser } from 'mailparser';
import { pipelineContext, staticUnderstandContext } from '../src/ingest/context.ts';
import { runPureStages } from '../src/ingest/pipeline.ts';
import { NO_HISTORY, type RankContext } from '../src/ingest/stages/rank.ts';
import { testConfig } from '../tests/helpers/config.ts';
import { inquiryMessage, withOwnWord } from '../tests/helpers/messages.ts';

const N = Number(process.argv[2] ?? 2000);
// The first passes warm the JIT and the lazily built tables (tinyld's model, Intl formatters).
const WARMUP = Math.min(200, N);

const config = testConfig(
  null,
  [{ name: 'bench', role: 'inquiries', user: 'bench', password: 'pw' }],
  'file:./data/bench-unused.db',
);
const raws = Array.from({ length: N }, (_, i) => Buffer.from(inquiryMessage(i)));
// The same mails with a word of their own give the language detector a different text each, as
// real mail does (see withOwnWord): both figures are printed.
const uniqueRaws = raws.map((raw, i) => Buffer.from(withOwnWord(raw.toString('utf8'), i)));
const base = staticUnderstandContext(config);
const lookups = { isOurMessageId: () => false, findSentThread: () => null };
const rank: RankContext = {
  ranking: config.ranking,
  accounts: config.customers.accounts,
  history: () => NO_HISTORY,
};

async function measure(
  label: string,
  run: (raw: Buffer) => Promise<unknown>,
  mails: Buffer[] = raws,
): Promise<number> {
  for (const raw of mails.slice(0, WARMUP)) await run(raw);
  const cpu = process.cpuUsage();
  for (const raw of mails) await run(raw);
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000 / N;
  console.log(`${label}: ${ms.toFixed(3)} ms CPU per message (${N} messages)`);
  return ms;
}

const parse = await measure('baseline: mailparser simpleParser', (raw) => simpleParser(raw));
let ranked = 0;
const pureStages = async (raw: Buffer) => {
  const ctx = pipelineContext(base, lookups, 'inquiries', new Date());
  const out = await runPureStages(raw, ctx, rank);
  if (out.priority !== null) ranked++;
};
const pure = await measure('pure stages: parse -> classify -> extract -> rank', pureStages);
console.log(`ranked as inquiries: ${ranked} of ${N + WARMUP} runs`);
console.log(`ratio pure stages/parse: ${(pure / parse).toFixed(2)}`);
ranked = 0;
const unique = await measure(
  'pure stages, every mail unique (a different text to detect each)',
  pureStages,
  uniqueRaws,
);
console.log(`ranked as inquiries: ${ranked} of ${N + WARMUP} runs`);
console.log(`ratio pure stages (unique mails)/parse: ${(unique / parse).toFixed(2)}`);
