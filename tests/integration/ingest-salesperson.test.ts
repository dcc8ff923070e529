/**
 * A salesperson's own mailbox against a real Dovecot: its INBOX and the folder the server
 * marks \Sent (RFC 6154 SPECIAL-USE) are both watched, the latter found by that mark whatever
 * it is called (here the Chinese "已发送", which travels as modified UTF-7, RFC 3501 5.1.3), and
 * the copy of our answer found there stops the clock of the buyer's inquiry in the INBOX. On
 * both databases, each with a Dovecot user of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { startService } from '../../src/service/service.ts';
import type { Store } from '../../src/store/client.ts';
import { runCli } from '../helpers/cli.ts';
import { type TestMailbox, testConfig, testConfigDocument, writeTestConfig } from '../helpers/config.ts';
import { type TestDatabase, testDatabases } from '../helpers/db.ts';
import { type DovecotHost, makeMessage, startDovecot } from '../helpers/mailhost/index.ts';
import { startFirstMailbox } from '../helpers/sync.ts';
import { waitUntil } from '../helpers/wait.ts';
import { LILY, ourReply, sampleRequest } from '../sla/helpers.ts';

const SENT = '已发送';
let dovecot: DovecotHost;

beforeAll(async () => {
  // The helper's Sent folder loses its mark; a folder under the Chinese name takes it.
  dovecot = await startDovecot({
    users: testDatabases().flatMap((_, k) => [
      { name: `lily${k}`, password: 'pw' },
      { name: `anna${k}`, password: 'pw' },
      { name: `rita${k}`, password: 'pw' },
      { name: `shared${k}`, password: 'pw' },
    ]),
    extraConfig: [
      'namespace inbox {',
      '  mailbox Sent {',
      '    special_use =',
      '    auto = no',
      '  }',
      `  mailbox "${SENT}" {`,
      '    special_use = \\Sent',
      '    auto = subscribe',
      '  }',
      '}',
    ].join('\n'),
  });
});
afterAll(async () => {
  await dovecot?.stop();
});

const BUYER = 'pedro@distribuidora-luz.mx';
const QUOTE = '<quote-300@brightlux-lighting.com>';
const ANSWER = '<answer@distribuidora-luz.mx>';
const SHARED_INBOX = 'sales@brightlux-lighting.com';

/** A Sent folder of 300 mails, the last of them our quote to Pedro. */
async function appendQuoteHistory(user: string): Promise<void> {
  const sentMail = Array.from({ length: 299 }, (_, i) =>
    ourReply(
      'Anna Li',
      LILY,
      `Buyer ${i} <b${i}@importer${i}.example>`,
      new Date(Date.UTC(2026, 2, 1, 8, i % 60)),
    ),
  );
  sentMail.push(
    makeMessage({
      from: `Anna Li <${LILY}>`,
      to: `Pedro Ruiz <${BUYER}>`,
      subject: 'Quotation: LED high bay 150W',
      body: 'Dear Pedro,\n\nPlease find our quotation for 500 pcs of the LED high bay 150W, CIF Manzanillo.\n\nAnna\n',
      date: new Date(Date.UTC(2026, 2, 2, 8, 0)),
      messageId: QUOTE,
    }),
  );
  for (const raw of sentMail) await dovecot.appendMessage(user, SENT, raw);
}

/** Pedro's answer to the quote; `cc` for a reply to all. */
function buyerAnswer(cc?: string): string {
  return makeMessage({
    from: `Pedro Ruiz <${BUYER}>`,
    to: LILY,
    ...(cc ? { cc } : {}),
    subject: 'Re: Quotation: LED high bay 150W',
    body: 'Hi Anna,\n\nThe price is fine. Please send the proforma invoice for 500 pcs.\n\nPedro\n',
    date: new Date(Date.UTC(2026, 2, 3, 8, 0)),
    messageId: ANSWER,
    inReplyTo: QUOTE,
    references: QUOTE,
  });
}

/** Pedro's answer was read as the reply it is: no inquiry, no SLA clock. */
async function expectAnswerReadAsReply(store: Store): Promise<void> {
  expect((await store.db.message.findFirstOrThrow({ where: { messageId: ANSWER } })).kind).toBe('reply');
  expect(await store.db.inquiry.count({ where: { lead: { email: BUYER } } })).toBe(0);
}

/** A fresh database of this kind, open for `use`, dropped after. */
async function inFreshStore(make: () => TestDatabase, use: (store: Store) => Promise<void>): Promise<void> {
  const database = make();
  const store = await database.open();
  try {
    await use(store);
  } finally {
    await store.close();
    await database.drop();
  }
}

/** `trademail sync --once` into a fresh database; then Pedro's answer is a reply there. */
async function expectReplyAfterSyncOnce(
  make: () => TestDatabase,
  mailboxes: TestMailbox[],
  extra: Record<string, unknown>,
): Promise<void> {
  const once = make();
  const file = writeTestConfig(testConfigDocument(dovecot, mailboxes, once.url, extra));
  try {
    expect((await runCli(['--config', file, 'sync', '--once'])).code).toBe(0);
    const store = await once.open();
    try {
      await expectAnswerReadAsReply(store);
    } finally {
      await store.close();
    }
  } finally {
    await once.drop();
  }
}

/** The running sync of the config's first mailbox until every folder's first pass is done. */
async function firstPassOf(config: Config, store: Store) {
  const sync = await startFirstMailbox(config, store.db);
  try {
    await sync.firstPass;
    return sync.health();
  } finally {
    await sync.stop();
  }
}

describe.each(testDatabases().map((make, k) => [make, k] as const))(
  "a salesperson's mailbox (%o)",
  (make, k) => {
    const user = `lily${k}`;
    it('syncs INBOX and the folder marked \\Sent under its own name; the answer there stops the clock', async () => {
      const buyer = 'm.weber@kestrel-lichttechnik.de';
      // Whole seconds: a Date header has no finer ones.
      const second = Math.floor(Date.now() / 1000) * 1000;
      const asked = new Date(second - 3_600_000);
      const answered = new Date(second - 1_800_000);
      await dovecot.appendMessage(user, 'INBOX', sampleRequest(`Markus Weber <${buyer}>`, asked));
      await dovecot.appendMessage(
        user,
        SENT,
        ourReply('Lily Chen', LILY, `Markus Weber <${buyer}>`, answered),
      );

      await inFreshStore(make, async (store) => {
        const config = testConfig(
          dovecot,
          [{ name: 'lily', role: 'salesperson', user, password: 'pw', address: LILY }],
          store.target.url,
        );
        const health = await firstPassOf(config, store);
        expect(health.folders.map((f) => f.path)).toEqual(['INBOX', SENT]);
        const folders = await store.db.mailboxFolder.findMany({
          select: { path: true, specialUse: true },
          orderBy: { path: 'asc' },
        });
        expect(folders).toEqual([
          { path: 'INBOX', specialUse: '\\Inbox' },
          { path: SENT, specialUse: '\\Sent' },
        ]);
        const kinds = await store.db.message.findMany({ select: { kind: true }, orderBy: { kind: 'asc' } });
        expect(kinds.map((m) => m.kind)).toEqual(['bcc_outbound', 'inquiry']);
        const inquiry = await store.db.inquiry.findFirstOrThrow({ where: { lead: { email: buyer } } });
        expect([inquiry.status, inquiry.answeredAt?.toISOString()]).toEqual([
          'answered',
          answered.toISOString(),
        ]);
      });
    });

    it('reads a reply as a reply on a first backfill though its INBOX is listed before Sent', async () => {
      // Our quote is the last of 300 sent mails, its answer the only mail in the INBOX. Synced
      // side by side (or INBOX first, as --once did), the answer was stored before the quote
      // and became a new inquiry.
      const name = `anna${k}`;
      await appendQuoteHistory(name);
      await dovecot.appendMessage(name, 'INBOX', buyerAnswer());
      const mailboxes = [
        { name: 'anna', role: 'salesperson' as const, user: name, password: 'pw', address: LILY },
      ];
      const extra = { sync: { batchSize: 50 } };
      await inFreshStore(make, async (store) => {
        await firstPassOf(testConfig(dovecot, mailboxes, store.target.url, extra), store);
        await expectAnswerReadAsReply(store);
      });
      await expectReplyAfterSyncOnce(make, mailboxes, extra);
    }, 120_000);

    it("reads the buyer's reply-all copy in the shared inbox as a reply, though that mailbox comes first", async () => {
      // Rita's quote is deep in her Sent folder; Pedro answers to all, so the shared inquiry
      // inbox gets a copy besides hers. The shared inbox is synced first (--once) or beside her
      // mailbox (run): its copy was stored before the quote, became a new inquiry with an SLA
      // clock, and Rita's own copy was then its duplicate.
      const rep = `rita${k}`;
      const shared = `shared${k}`;
      await appendQuoteHistory(rep);
      await dovecot.appendMessage(shared, 'INBOX', buyerAnswer(SHARED_INBOX));
      await dovecot.appendMessage(rep, 'INBOX', buyerAnswer(SHARED_INBOX));
      const mailboxes = [
        { name: 'shared', role: 'inquiries' as const, user: shared, password: 'pw', address: SHARED_INBOX },
        { name: 'rita', role: 'salesperson' as const, user: rep, password: 'pw', address: LILY },
      ];
      const extra = { sync: { batchSize: 50 } };

      // trademail run
      await inFreshStore(make, async (store) => {
        const config = testConfig(dovecot, mailboxes, store.target.url, extra);
        const service = await startService({ config, store, log: silentLogger, healthIntervalMs: 60_000 });
        try {
          await waitUntil(
            async () => (await store.db.message.count({ where: { stage: 'processed' } })) === 301,
            60_000,
          );
        } finally {
          await service.stop();
        }
        await expectAnswerReadAsReply(store);
        // both copies were seen, one message stored
        const copies = await store.db.messageSource.count({
          where: { raw: { message: { messageId: ANSWER } } },
        });
        expect(copies).toBe(2);
      });
      await expectReplyAfterSyncOnce(make, mailboxes, extra);
    }, 120_000);
  },
);
