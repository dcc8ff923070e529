/**
 * Ingest against a real Dovecot: backfill, IDLE, polling, restarts, UIDVALIDITY resets, bad
 * messages, on both databases. Every message is stored once, and the user's mailbox flags are
 * left as they were.
 */
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { batchProcessor, processPending } from '../../src/ingest/processor.ts';
import { syncFolderPass } from '../../src/ingest/sync/folder-sync.ts';
import { watchFolder } from '../../src/ingest/sync/folder-watcher.ts';
import { startMailboxSync } from '../../src/ingest/sync/mailbox-sync.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Store } from '../../src/store/client.ts';
import { ensureFolder, ensureMailbox } from '../../src/store/ingest/folders.ts';
import { listQuarantine } from '../../src/store/ingest/quarantine.ts';
import { testConfig } from '../helpers/config.ts';
import { type TestDatabase, testDatabases } from '../helpers/db.ts';
import { type DovecotHost, startDovecot } from '../helpers/mailhost/index.ts';
import { inquiryMessage } from '../helpers/messages.ts';
import { waitUntil } from '../helpers/wait.ts';

const now = () => new Date();
let dovecot: DovecotHost;

// Each database gets Dovecot users of its own (sales0, sales1...): the tests change their mail.
const DATABASES = testDatabases().map((make, k) => ({ make, k, label: make.name.replace(/Database$/, '') }));

beforeAll(async () => {
  dovecot = await startDovecot({
    users: DATABASES.flatMap(({ k }) =>
      ['sales', 'resync', 'bad', 'restart', 'midpass'].map((name) => ({
        name: `${name}${k}`,
        password: 'pw',
      })),
    ),
  });
});
afterAll(async () => {
  await dovecot?.stop();
});

async function flagsOf(client: ImapFlow, folder: string): Promise<Map<number, string[]>> {
  const lock = await client.getMailboxLock(folder, { readOnly: true });
  try {
    const out = new Map<number, string[]>();
    for await (const m of client.fetch('1:*', { uid: true, flags: true }, { uid: true }))
      out.set(m.uid, [...(m.flags ?? [])].sort());
    return out;
  } finally {
    lock.release();
  }
}

/** The live sync of one Dovecot user's INBOX into the store, as `trademail run` starts it. */
function startSync(store: Store, name: string, user: string, host: DovecotHost = dovecot) {
  const config = testConfig(host, [{ name, role: 'inquiries', user, password: 'pw' }], store.target.url);
  return startMailboxSync(config.mailboxes[0]!, { config, db: store.db, log: silentLogger, now });
}

async function withStore(
  make: () => TestDatabase,
  fn: (store: Store, db: TestDatabase) => Promise<void>,
): Promise<void> {
  const database = make();
  const store = await database.open();
  try {
    await fn(store, database);
  } finally {
    await store.close();
    await database.drop();
  }
}

describe.each(DATABASES)('IMAP sync against Dovecot ($label)', ({ make, k }) => {
  const user = (name: string) => `${name}${k}`;

  it('backfills a few thousand messages, then picks up appends over IDLE, each stored once, flags untouched', async () => {
    const N = 2000;
    await dovecot.writeMaildirMessages(
      user('sales'),
      'INBOX',
      Array.from({ length: N }, (_, i) => inquiryMessage(i)),
    );
    const owner = await dovecot.connect(user('sales'));
    // Some messages already read or flagged by the user: none of that may change.
    await owner.mailboxOpen('INBOX');
    await owner.messageFlagsAdd('1:100', ['\\Seen'], { uid: true });
    await owner.messageFlagsAdd('200:210', ['\\Flagged'], { uid: true });
    await owner.mailboxClose();
    const before = await flagsOf(owner, 'INBOX');

    await withStore(make, async (store) => {
      const sync = await startSync(store, 'inquiries', user('sales'));
      try {
        await sync.firstPass;
        expect(await store.db.message.count()).toBe(N);
        // New mail while the folder is idle.
        for (let i = N; i < N + 5; i++)
          await dovecot.appendMessage(user('sales'), 'INBOX', inquiryMessage(i));
        await waitUntil(async () => (await store.db.message.count()) === N + 5, 15_000);
        expect(sync.health().folders[0]?.connected).toBe(true);
      } finally {
        await sync.stop();
      }
      expect(await store.db.messageSource.count()).toBe(N + 5);
      expect(await store.db.message.count({ where: { stage: 'processed' } })).toBe(N + 5);
      expect(await store.db.inquiry.count()).toBe(N + 5);
      const ids = await store.db.message.findMany({ select: { messageId: true } });
      expect(new Set(ids.map((m) => m.messageId)).size).toBe(N + 5);
    });
    const after = await flagsOf(owner, 'INBOX');
    for (const [uid, flags] of before) expect(after.get(uid), `flags of UID ${uid}`).toEqual(flags);
    expect([...after.values()].filter((f) => f.includes('\\Seen')).length).toBe(100);
    await owner.logout();
  }, 240_000);

  it('takes the resync path when UIDVALIDITY changes: no duplicates, new mail still found', async () => {
    await dovecot.writeMaildirMessages(
      user('resync'),
      'INBOX',
      Array.from({ length: 50 }, (_, i) => inquiryMessage(10_000 + i)),
    );
    // One message without a Message-ID: deduplicated by its content hash instead.
    await dovecot.appendMessage(user('resync'), 'INBOX', inquiryMessage(10_050, { messageId: null }));
    await withStore(make, async (store) => {
      const config: Config = testConfig(
        dovecot,
        [{ name: 'r', role: 'inquiries', user: user('resync'), password: 'pw' }],
        store.target.url,
      );
      const pass = async () => {
        const mailboxId = await ensureMailbox(store.db, { name: 'r', role: 'inquiries' });
        const cursor = await ensureFolder(store.db, mailboxId, 'INBOX');
        const client = await dovecot.connect(user('resync'));
        try {
          return await syncFolderPass(client, 'INBOX', cursor, {
            db: store.db,
            log: silentLogger,
            now,
            batchSize: 20,
            afterBatch: async (ids) =>
              void (await processPending({ db: store.db, config, log: silentLogger, now }, { ids })),
          });
        } finally {
          await client.logout();
        }
      };
      const first = await pass();
      expect(first.created).toBe(51);
      const { before, after } = await dovecot.recreateFolder(user('resync'), 'INBOX');
      expect(after).not.toBe(before);
      await dovecot.appendMessage(user('resync'), 'INBOX', inquiryMessage(10_051));
      const second = await pass();
      expect(second.resynced).toBe(true);
      expect(second.fetched).toBe(52);
      expect(second.created).toBe(1);
      expect(second.duplicates).toBe(51);
      expect(await store.db.message.count()).toBe(52);
      expect(await store.db.inquiry.count()).toBe(52);
      const folder = await store.db.mailboxFolder.findFirstOrThrow();
      expect(folder.uidValidity).toBe(after);
      expect((await pass()).fetched).toBe(0);
    });
  });

  it('stores bad messages raw, quarantines what cannot be processed, and carries on', async () => {
    const truncated = inquiryMessage(20_001).slice(0, 180);
    const malformedMime =
      'From: x@buyer.example\r\nTo: sales@brightlux-lighting.com\r\nSubject: broken\r\nMessage-ID: <broken@x>\r\n' +
      'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="never-closed"\r\n\r\n--never-closed\r\nContent-Type: text/plain; charset=x-unknown-charset\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@\r\n';
    const dupA = inquiryMessage(20_002, { messageId: '<same@buyer.example>' });
    // a second copy of that mail, relayed once more: other bytes, the same mail
    const dupACopy = `Received: from relay.buyer.example by mx.brightlux-lighting.com; Thu, 1 Jan 2026 00:01:00 +0000\r\n${dupA}`;
    // another buyer's mail under the same Message-ID (as form scripts with a fixed one send)
    const dupB = inquiryMessage(20_003, { messageId: '<same@buyer.example>' });
    const garbage = '\u0000\u0001\u0002 not a mail at all';
    for (const raw of [truncated, malformedMime, dupA, dupACopy, dupB, garbage, inquiryMessage(20_004)]) {
      await dovecot.appendMessage(user('bad'), 'INBOX', raw);
    }
    await withStore(make, async (store) => {
      const sync = await startSync(store, 'b', user('bad'));
      await sync.firstPass;
      await sync.stop();
      expect(await store.db.messageSource.count()).toBe(7);
      expect(await store.db.rawMessage.count()).toBe(7);
      // The two copies of one mail are one logical message; the other mail under its
      // Message-ID is one of its own.
      expect(await store.db.message.count()).toBe(6);
      expect(await store.db.message.count({ where: { messageId: '<same@buyer.example>' } })).toBe(2);
      const stages = await store.db.message.groupBy({ by: ['stage'], _count: true });
      const processed = stages.find((s) => s.stage === 'processed')?._count ?? 0;
      const quarantined = await listQuarantine(store.db);
      expect(processed + quarantined.length).toBe(6);
      for (const q of quarantined) {
        expect(q.stage).toMatch(/^(parse|classify|extract|store)$/);
        expect(q.errorMessage.length).toBeGreaterThan(0);
      }
      expect(await store.db.message.count({ where: { stage: 'received' } })).toBe(0);
    });
  });

  it('reconnects after Dovecot restarts and catches up without help', async () => {
    await dovecot.appendMessage(user('restart'), 'INBOX', inquiryMessage(30_000));
    await withStore(make, async (store) => {
      const sync = await startSync(store, 'x', user('restart'));
      try {
        await sync.firstPass;
        expect(await store.db.message.count()).toBe(1);
        await dovecot.restart();
        await dovecot.appendMessage(user('restart'), 'INBOX', inquiryMessage(30_001));
        await dovecot.appendMessage(user('restart'), 'INBOX', inquiryMessage(30_002));
        await waitUntil(async () => (await store.db.message.count()) === 3, 30_000);
        await waitUntil(async () => sync.health().folders[0]?.connected === true, 10_000);
      } finally {
        await sync.stop();
      }
      expect(await store.db.message.count({ where: { stage: 'processed' } })).toBe(3);
    });
  });

  it('catches up on the new connection when Dovecot restarts while a pass is still processing', async () => {
    const name = user('midpass');
    await dovecot.appendMessage(name, 'INBOX', inquiryMessage(35_000));
    await withStore(make, async (store) => {
      const config = testConfig(
        dovecot,
        [{ name: 'm', role: 'inquiries', user: name, password: 'pw' }],
        store.target.url,
      );
      const mailbox = config.mailboxes[0]!;
      const mailboxId = await ensureMailbox(store.db, {
        name: 'm',
        role: mailbox.role,
        address: mailbox.address,
      });
      await ensureFolder(store.db, mailboxId, 'INBOX');
      const processor = batchProcessor({ db: store.db, config, log: silentLogger, now });
      // The first batch's processing is held until the connection it came on has been replaced:
      // the pass is still running when the reconnect asks for a catch-up pass.
      let entered!: () => void;
      const inProcessing = new Promise<void>((r) => {
        entered = r;
      });
      let release!: () => void;
      const released = new Promise<void>((r) => {
        release = r;
      });
      let held = false;
      const watcher = watchFolder({
        mailbox,
        mailboxId,
        path: 'INBOX',
        db: store.db,
        log: silentLogger,
        now,
        batchSize: config.sync.batchSize,
        pollMs: 60_000,
        maxBackoffMs: 1000,
        afterBatch: async (ids) => {
          if (!held) {
            held = true;
            entered();
            await released;
          }
          await processor.submit(ids);
        },
      });
      try {
        await inProcessing;
        await dovecot.restart();
        // the dropped connection is noticed, and a new one made, while the pass waits
        await waitUntil(async () => watcher.health().connected === false, 10_000);
        await waitUntil(async () => watcher.health().connected === true, 10_000);
        release();
        await waitUntil(async () => watcher.health().idle, 10_000);
        await dovecot.appendMessage(name, 'INBOX', inquiryMessage(35_001));
        // Over IDLE on the new connection: before, nothing selected the folder on it, and the
        // mail waited for the 5-minute socket timeout.
        await waitUntil(
          async () => (await store.db.message.count({ where: { stage: 'processed' } })) === 2,
          15_000,
        );
      } finally {
        release();
        await watcher.stop();
      }
    });
  }, 60_000);

  it('polls every sync.pollSeconds where the server has no IDLE, and picks up new mail', async () => {
    const noIdle = await startDovecot({ idle: false, users: [{ name: 'poll', password: 'pw' }] });
    try {
      await noIdle.writeMaildirMessages(
        'poll',
        'INBOX',
        Array.from({ length: 20 }, (_, i) => inquiryMessage(40_000 + i)),
      );
      await withStore(make, async (store) => {
        const sync = await startSync(store, 'p', 'poll', noIdle);
        try {
          await sync.firstPass;
          expect(await store.db.message.count()).toBe(20);
          // Without IDLE, imapflow sends a NOOP when it would enter IDLE (100 ms after a pass)
          // and then every 2 minutes, and the server reports new mail in its answer. Appending
          // after that first NOOP leaves the poll (every 5 s in the test config) as the only way
          // these are found within 15 s.
          await new Promise((r) => setTimeout(r, 1500));
          for (let i = 20; i < 23; i++)
            await noIdle.appendMessage('poll', 'INBOX', inquiryMessage(40_000 + i));
          await waitUntil(async () => (await store.db.message.count()) === 23, 15_000);
          const folder = sync.health().folders[0];
          expect(folder?.connected).toBe(true);
          expect(folder?.idle).toBe(false);
        } finally {
          await sync.stop();
        }
        expect(await store.db.message.count({ where: { stage: 'processed' } })).toBe(23);
      });
    } finally {
      await noIdle.stop();
    }
  }, 60_000);
});
