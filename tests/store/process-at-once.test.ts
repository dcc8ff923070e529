/**
 * Two mailboxes' batches processed at once, on both databases, naming the same new companies
 * (buyers at one importer writing to two of our addresses). On PostgreSQL the batch that
 * creates a company second used to fail on its unique domain and fall back to storing message
 * by message; now it is stored again as a batch, and finds the company.
 */
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { createLogger } from '../../src/log/logger.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { useStore } from '../helpers/store-hooks.ts';

const N = 60;

describe.each(testDatabases())('two batches processed at once (%o)', (make) => {
  const database = make();
  const store = useStore(database);

  it('stores both as batches, each message once, one company per buyer domain', async () => {
    const config = testConfig(
      null,
      ['sales', 'info'].map((name) => ({ name, role: 'inquiries' as const, user: name, password: 'pw' })),
      database.url,
    );
    const created: number[][] = [];
    for (const name of ['sales', 'info']) {
      const box = await store.db.mailbox.create({ data: { name, role: 'inquiries' } });
      const folder = await store.db.mailboxFolder.create({
        data: { mailboxId: box.id, path: 'INBOX', uidValidity: 1n },
      });
      // The same buyers, each writing once to each address: their own Message-IDs.
      const items = Array.from({ length: N }, (_, i) =>
        rawItem(Buffer.from(inquiryMessage(i, { messageId: `<${name}-${i}@importer.test>` })), {
          uid: BigInt(i + 1),
        }),
      );
      created.push((await storeRawBatch(store.db, { folderId: folder.id }, items, new Date())).created);
    }
    const debug: string[] = [];
    const log = createLogger({
      level: 'debug',
      destination: { write: (line: string) => void debug.push(line) },
    });
    const deps = { db: store.db, config, log, now: () => new Date() };
    const reports = await Promise.all(created.map((ids) => processPending(deps, { ids })));
    expect(reports.map((r) => [r.processed, r.quarantined])).toEqual([
      [N, 0],
      [N, 0],
    ]);
    expect(debug.filter((line) => line.includes('fell back'))).toEqual([]);
    expect(await store.db.inquiry.count()).toBe(2 * N);
    expect(await store.db.lead.count()).toBe(N);
    const domains = new Set(
      Array.from({ length: N }, (_, i) => /^From: .*@([^>\s]+)/m.exec(inquiryMessage(i))?.[1]),
    );
    expect(await store.db.company.count()).toBe(domains.size);
  });
});
