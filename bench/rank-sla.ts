/**
 * Rank and SLA costs: the pure rank stage on the fixture inquiries, ingest with ranking,
 * assignment and deadlines in the store, one escalation pass and one queue read over the open
 * inquiries. SQLite in a temp folder; nothing is mailed (the pass runs before anything is due).
 * Run: npx tsx bench/rank-sla.ts [inquiries, default 1000]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig } from '../src/config/load.ts';
import { processPending } from '../src/ingest/processor.ts';
import { compressRaw } from '../src/ingest/raw/compress.ts';
import { messageKey } from '../src/ingest/raw/message-key.ts';
import { parseStage } from '../src/ingest/stages/parse.ts';
import { isInquiryKind, NO_HISTORY, rankStage } from '../src/ingest/stages/rank.ts';
import { silentLogger } from '../src/log/logger.ts';
import { SHIPPED_TEMPLATES_DIR } from '../src/paths.ts';
import { runEscalations } from '../src/sla/escalation-job.ts';
import { loadQueue } from '../src/sla/queue.ts';
import { formatQueue } from '../src/sla/queue-format.ts';
import { openStore } from '../src/store/client.ts';
import { storeRawBatch } from '../src/store/ingest/store-batch.ts';
import { loadTemplates } from '../src/templates/load.ts';
import { understand } from '../src/understand/understand.ts';
import { fixtureContext } from '../tests/fixtures/mails/context.ts';
import { inquiryMessage } from '../tests/helpers/messages.ts';

const count = Number(process.argv[2] ?? 1000);
const root = path.resolve(import.meta.dirname, '../tests/fixtures/mails');
const dir = mkdtempSync(path.join(tmpdir(), 'tm-bench-rank-'));
const config = parseConfig(
  {
    database: { url: `file:${path.join(dir, 'bench.db')}` },
    company: { name: 'BrightLux', domains: ['brightlux-lighting.com'] },
    salespeople: [
      { email: 'lily@brightlux-lighting.com', name: 'Lily', manager: 'david@brightlux-lighting.com' },
      { email: 'nina@brightlux-lighting.com', name: 'Nina', timeZone: 'Europe/Berlin' },
      { email: 'david@brightlux-lighting.com', name: 'David', role: 'manager' },
    ],
    assignment: {
      teams: { all: ['lily@brightlux-lighting.com', 'nina@brightlux-lighting.com'] },
      fallback: { team: 'all' },
    },
  },
  {},
);

async function main(): Promise<void> {
  // 1. The pure stage.
  const understood = [];
  for (const kind of readdirSync(root).filter(isInquiryKind)) {
    for (const file of readdirSync(path.join(root, kind)).filter((f) => f.endsWith('.eml'))) {
      understood.push(
        await understand(await parseStage(readFileSync(path.join(root, kind, file))), fixtureContext()),
      );
    }
  }
  const rounds = 500;
  let t = performance.now();
  for (let i = 0; i < rounds; i++) {
    for (const u of understood)
      rankStage(u, { ranking: config.ranking, accounts: [], history: () => NO_HISTORY });
  }
  const perRank = (performance.now() - t) / (rounds * understood.length);
  console.log(
    `rank stage: ${(perRank * 1000).toFixed(1)} µs per inquiry (${understood.length} fixtures x ${rounds})`,
  );

  // 2. Ingest with ranking, assignment and deadlines.
  const store = await openStore(config.database.url);
  const start = new Date('2026-03-09T01:00:00Z');
  const items = Array.from({ length: count }, (_, i) => {
    const raw = Buffer.from(inquiryMessage(i).replace(/^Date:.*$/m, `Date: ${start.toUTCString()}`));
    return { key: messageKey(raw), compressed: compressRaw(raw), size: raw.length, importKey: `bench:${i}` };
  });
  t = performance.now();
  for (let i = 0; i < items.length; i += 200)
    await storeRawBatch(store.db, {}, items.slice(i, i + 200), start);
  const stored = performance.now() - t;
  t = performance.now();
  const report = await processPending({ db: store.db, config, log: silentLogger, now: () => start });
  const processed = performance.now() - t;
  console.log(
    `ingest: ${count} inquiries stored in ${stored.toFixed(0)} ms, processed (parse..rank, assign, deadline, store) in ${processed.toFixed(0)} ms = ${(processed / count).toFixed(2)} ms each; ${report.quarantined} quarantined`,
  );

  // 3. One escalation pass and one queue read over every open inquiry.
  const deps = {
    db: store.db,
    config,
    log: silentLogger,
    templates: loadTemplates(SHIPPED_TEMPLATES_DIR),
    transports: () => {
      throw new Error('the bench pass must not send');
    },
    worker: 'bench',
    memo: new Map(),
  };
  for (const [label, offset] of [
    ['first', 60_000],
    ['next (memo)', 120_000],
  ] as const) {
    t = performance.now();
    const pass = await runEscalations(deps, new Date(start.getTime() + offset));
    console.log(
      `escalation pass over ${count} open inquiries, ${label}: ${(performance.now() - t).toFixed(0)} ms (${pass.sent.length} sent)`,
    );
  }
  t = performance.now();
  const entries = await loadQueue(store.db, config, new Date(start.getTime() + 60_000));
  const text = formatQueue(entries, { now: new Date(start.getTime() + 60_000), timeZone: 'Asia/Shanghai' });
  console.log(
    `queue of ${entries.length}: ${(performance.now() - t).toFixed(0)} ms, ${text.length} characters`,
  );
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
