/**
 * Several mailboxes synced at once, as `trademail run` syncs them, on both databases: the
 * shared inquiry inbox and the drop box, each with mail of its own and half of it the same
 * mail (the same Message-ID, each copy with its own delivery header). Every copy is kept with
 * the place it was seen, every message is stored once and processed once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailboxSync } from '../../src/ingest/sync/mailbox-sync.ts';
import { createLogger } from '../../src/log/logger.ts';
import { listQuarantine } from '../../src/store/ingest/quarantine.ts';
import { testConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { type DovecotHost, startDovecot } from '../helpers/mailhost/index.ts';
import { inquiryMessage } from '../helpers/messages.ts';

const OWN = 150;
const SHARED = 150;
let dovecot: DovecotHost;

beforeAll(async () => {
  dovecot = await startDovecot({
    users: ['sales', 'drop'].flatMap((box) =>
      testDatabases().map((_, k) => ({ name: `${box}${k}`, password: 'pw' })),
    ),
  });
  for (let k = 0; k < testDatabases().length; k++) {
    for (const [box, from] of [
      ['sales', 0],
      ['drop', 1000],
    ] as const) {
      const own = Array.from({ length: OWN }, (_, i) => inquiryMessage(from + i));
      const shared = Array.from(
        { length: SHARED },
        (_, i) => `Delivered-To: ${box}@brightlux-lighting.com\r\n${inquiryMessage(5000 + i)}`,
      );
      // Interleaved, so both mailboxes reach the shared mail in the same batches.
      const mail = own.flatMap((m, i) => [m, shared[i]!]);
      await dovecot.writeMaildirMessages(`${box}${k}`, 'INBOX', mail);
    }
  }
});
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(testDatabases().map((make, k) => [make, k] as const))(
  'two mailboxes at once (%o)',
  (make, k) => {
    it('keeps every copy where it was seen, and stores and processes each message once', async () => {
      const database = make();
      const store = await database.open();
      try {
        const config = testConfig(
          dovecot,
          [
            { name: 'inquiries', role: 'inquiries', user: `sales${k}`, password: 'pw' },
            { name: 'dropbox', role: 'dropbox', user: `drop${k}`, password: 'pw' },
          ],
          store.target.url,
        );
        // Warnings are kept: a folder pass that failed and reconnected would show only here. The
        // test server's plain-text login (requireTls: false) is the one expected warning.
        const warnings: string[] = [];
        const log = createLogger({
          level: 'warn',
          destination: {
            write: (line: string) => {
              const { msg } = JSON.parse(line) as { msg: string };
              if (!msg.includes('STARTTLS')) warnings.push(msg);
            },
          },
        });
        const deps = { config, db: store.db, log, now: () => new Date() };
        const syncs = await Promise.all(config.mailboxes.map((m) => startMailboxSync(m, deps)));
        try {
          await Promise.all(syncs.map((s) => s.firstPass));
        } finally {
          await Promise.all(syncs.map((s) => s.stop()));
        }
        expect(warnings).toEqual([]);
        const unique = 2 * OWN + SHARED;
        expect(await store.db.message.count()).toBe(unique);
        expect(await store.db.messageSource.count()).toBe(2 * (OWN + SHARED));
        expect(await store.db.message.count({ where: { stage: 'processed' } })).toBe(unique);
        expect(await listQuarantine(store.db)).toEqual([]);
        const sharedIds = Array.from({ length: SHARED }, (_, i) => `<inq-${5000 + i}@importer.test>`);
        // Each copy of the shared mail keeps its own bytes and location; one of them is the message.
        const shared = await store.db.messageSource.count({
          where: { raw: { message: { messageId: { in: sharedIds } } } },
        });
        expect(shared).toBe(SHARED);
        expect(await store.db.rawMessage.count()).toBe(2 * (OWN + SHARED));
      } finally {
        await store.close();
        await database.drop();
      }
    }, 120_000);
  },
);
