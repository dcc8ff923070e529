/**
 * Backfill throughput: a 10,000-message mailbox in a private Dovecot, synced by the full
 * pipeline (fetch -> store raw -> parse -> classify -> extract -> store) into a fresh SQLite
 * store, against a baseline measured in the same run: a plain imapflow fetch of the same
 * mailbox with mailparser parsing each message and nothing else.
 *
 *   node --import tsx bench/ingest-backfill.ts [messages=10000]
 */
import { simpleParser } from 'mailparser';
import { processPending } from '../src/ingest/processor.ts';
import { syncFolderPass } from '../src/ingest/sync/folder-sync.ts';
import { silentLogger } from '../src/log/logger.ts';
import { ensureFolder, ensureMailbox } from '../src/store/ingest/folders.ts';
import { testConfig } from '../tests/helpers/config.ts';
import { sqliteDatabase } from '../tests/helpers/db.ts';
import { startDovecot } from '../tests/helpers/mailhost/index.ts';
import { inquiryMessage } from '../tests/helpers/messages.ts';

const N = Number(process.argv[2] ?? 10_000);
const now = () => new Date();

let peakRss = 0;
const rssAt: { messages: number; rssMb: number }[] = [];
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

const dovecot = await startDovecot({ users: [{ name: 'bench', password: 'pw' }] });
try {
  const raws = Array.from({ length: N }, (_, i) => inquiryMessage(i));
  const totalBytes = raws.reduce((s, r) => s + Buffer.byteLength(r), 0);
  await dovecot.writeMaildirMessages('bench', 'INBOX', raws);

  // Baseline: imapflow fetch + mailparser parse, nothing stored.
  const client = await dovecot.connect('bench');
  await client.mailboxOpen('INBOX', { readOnly: true });
  let t0 = performance.now();
  let parsed = 0;
  for await (const msg of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
    await simpleParser(msg.source!);
    parsed++;
  }
  const baselineS = (performance.now() - t0) / 1000;
  await client.logout();
  const baselineRss = peakRss;

  // Full pipeline.
  peakRss = 0;
  const database = sqliteDatabase();
  const store = await database.open();
  const config = testConfig(
    dovecot,
    [{ name: 'bench', role: 'inquiries', user: 'bench', password: 'pw' }],
    database.url,
  );
  const mailboxId = await ensureMailbox(store.db, { name: 'bench', role: 'inquiries' });
  const cursor = await ensureFolder(store.db, mailboxId, 'INBOX');
  const pipelineClient = await dovecot.connect('bench');
  t0 = performance.now();
  const result = await syncFolderPass(pipelineClient, 'INBOX', cursor, {
    db: store.db,
    log: silentLogger,
    now,
    batchSize: config.sync.batchSize,
    afterBatch: async (ids) =>
      void (await processPending({ db: store.db, config, log: silentLogger, now }, { ids })),
    onProgress: (done) => {
      if ([N / 4, N / 2, N].includes(done))
        rssAt.push({ messages: done, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) });
    },
  });
  const pipelineS = (performance.now() - t0) / 1000;
  await pipelineClient.logout();
  const processed = await store.db.message.count({ where: { stage: 'processed' } });
  await store.close();
  await database.drop();

  const mb = totalBytes / 2 ** 20;
  console.log(
    `messages: ${N} (${mb.toFixed(1)} MB), baseline parsed ${parsed}, pipeline fetched ${result.fetched}, processed ${processed}`,
  );
  console.log(
    `baseline (imapflow fetch + mailparser): ${(N / baselineS).toFixed(0)} msg/s, ${(mb / baselineS).toFixed(2)} MB/s, peak RSS ${(baselineRss / 2 ** 20).toFixed(0)} MB`,
  );
  console.log(
    `pipeline (fetch..store, SQLite):        ${(N / pipelineS).toFixed(0)} msg/s, ${(mb / pipelineS).toFixed(2)} MB/s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`,
  );
  console.log(`ratio pipeline/baseline throughput: ${(baselineS / pipelineS).toFixed(2)}`);
  console.log(`RSS during the pipeline: ${rssAt.map((r) => `${r.messages} msgs ${r.rssMb} MB`).join(', ')}`);
} finally {
  clearInterval(sampler);
  await dovecot.stop();
}
