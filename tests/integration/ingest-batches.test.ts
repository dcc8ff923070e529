/**
 * Batches bounded in bytes as well as in messages (src/ingest/batches.ts): a folder with mail
 * carrying large attachments is fetched and stored a few mails at a time, a backlog of such
 * mail is processed the same way, and so are files of it imported, every message once, on
 * both databases.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { importPath } from '../../src/ingest/import/import.ts';
import { processPending } from '../../src/ingest/processor.ts';
import { syncFolderPass } from '../../src/ingest/sync/folder-sync.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { ensureFolder, ensureMailbox } from '../../src/store/ingest/folders.ts';
import { testConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { type DovecotHost, makeMessage, startDovecot } from '../helpers/mailhost/index.ts';
import { inquiryMessage } from '../helpers/messages.ts';

const now = () => new Date();
const LIMIT = 600_000;
let dovecot: DovecotHost;

/** An inquiry with about 430 KB of drawings attached (as base64 lines). */
function withDrawings(i: number): string {
  return makeMessage({
    from: `Buyer ${i} <buyer${i}@lagos-lighting.test>`,
    to: 'sales@brightlux-lighting.com',
    subject: `RFQ ${i}: street lights, drawings attached`,
    body: `Please quote 200 pcs of 150W street lights, CIF Lagos.\r\n\r\n${`${'QUFB'.repeat(19)}\r\n`.repeat(5_600)}`,
    messageId: `<drawings-${i}@lagos-lighting.test>`,
  });
}

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ name: 'large', password: 'pw' }] });
  await dovecot.writeMaildirMessages('large', 'INBOX', RAWS);
});
afterAll(async () => {
  await dovecot?.stop();
});

/** 3 large mails among 9 short ones: 2 short, 1 large, 2 short, 2 large, 5 short. */
const RAWS = [
  ...[0, 1].map((i) => inquiryMessage(20_000 + i)),
  withDrawings(1),
  ...[2, 3].map((i) => inquiryMessage(20_000 + i)),
  withDrawings(2),
  withDrawings(3),
  ...[4, 5, 6, 7, 8].map((i) => inquiryMessage(20_000 + i)),
];

describe.each(testDatabases())('batches bounded in bytes (%o)', (make) => {
  it('fetches and stores a folder of large mail a few at a time, then processes its backlog', async () => {
    const database = make();
    const store = await database.open();
    try {
      const config: Config = testConfig(
        dovecot,
        [{ name: 'l', role: 'inquiries', user: 'large', password: 'pw' }],
        store.target.url,
      );
      const mailboxId = await ensureMailbox(store.db, { name: 'l', role: 'inquiries' });
      const cursor = await ensureFolder(store.db, mailboxId, 'INBOX');
      const batches: number[][] = [];
      const client = await dovecot.connect('large');
      try {
        const pass = await syncFolderPass(client, 'INBOX', cursor, {
          db: store.db,
          log: silentLogger,
          now,
          batchSize: 5,
          batchBytes: LIMIT,
          afterBatch: async (ids) => void batches.push(ids),
        });
        expect(pass.created).toBe(12);
      } finally {
        await client.logout();
      }
      const sizeOf = new Map(
        (await store.db.message.findMany({ select: { id: true, raw: { select: { size: true } } } })).map(
          (m) => [m.id, m.raw.size],
        ),
      );
      const bytes = batches.map((b) => b.reduce((s, id) => s + sizeOf.get(id)!, 0));
      // by count alone it would be [5, 5, 2], the second holding two large mails (about 870 KB)
      expect(batches.map((b) => b.length)).toEqual([5, 1, 5, 1]);
      for (const [i, b] of batches.entries()) {
        expect(b.length).toBeLessThanOrEqual(5);
        expect(b.length === 1 || bytes[i]! <= LIMIT).toBe(true);
      }
      expect(batches.flat().sort((a, b) => a - b)).toEqual([...sizeOf.keys()].sort((a, b) => a - b));

      // Stored, not yet processed (as after a crash): the backlog is read by size as well.
      expect(await store.db.message.count({ where: { stage: 'received' } })).toBe(12);
      const report = await processPending(
        { db: store.db, config, log: silentLogger, now },
        { batchSize: 5, batchBytes: LIMIT },
      );
      expect(report.processed).toBe(12);
      expect(await store.db.message.count({ where: { stage: 'processed' } })).toBe(12);
      expect(await store.db.inquiry.count()).toBe(12);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('imports files of large mail a few at a time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-large-'));
    const database = make();
    const store = await database.open();
    try {
      for (const [i, raw] of RAWS.entries()) {
        writeFileSync(join(dir, `${String(i + 1).padStart(2, '0')}.eml`), raw);
      }
      const config = testConfig(null, [], store.target.url);
      const progress: number[] = [];
      const report = await importPath(
        { db: store.db, config, log: silentLogger, now },
        dir,
        (read) => progress.push(read),
        { batchSize: 5, batchBytes: LIMIT },
      );
      // a batch ends where the next mail would take it past the limit: after the 5th, 6th, 11th
      // (by count alone: after the 5th and 10th)
      expect(progress).toEqual([5, 6, 11, 12]);
      expect(report.created).toBe(12);
      expect(report.processed).toBe(12);
    } finally {
      await store.close();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
