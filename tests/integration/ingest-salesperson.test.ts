/**
 * A salesperson's own mailbox against a real Dovecot: its INBOX and the folder the server
 * marks \Sent (RFC 6154 SPECIAL-USE) are both watched, the latter found by that mark whatever
 * it is called (here the Chinese "已发送", which travels as modified UTF-7, RFC 3501 5.1.3), and
 * the copy of our answer found there stops the clock of the buyer's inquiry in the INBOX. On
 * both databases, each with a Dovecot user of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailboxSync } from '../../src/ingest/sync/mailbox-sync.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { testConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { type DovecotHost, startDovecot } from '../helpers/mailhost/index.ts';
import { LILY, ourReply, sampleRequest } from '../sla/helpers.ts';

const SENT = '已发送';
let dovecot: DovecotHost;

beforeAll(async () => {
  // The helper's Sent folder loses its mark; a folder under the Chinese name takes it.
  dovecot = await startDovecot({
    users: testDatabases().map((_, k) => ({ name: `lily${k}`, password: 'pw' })),
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

      const database = make();
      const store = await database.open();
      try {
        const config = testConfig(
          dovecot,
          [{ name: 'lily', role: 'salesperson', user, password: 'pw', address: LILY }],
          store.target.url,
        );
        const sync = await startMailboxSync(config.mailboxes[0]!, {
          config,
          db: store.db,
          log: silentLogger,
          now: () => new Date(),
        });
        try {
          await sync.firstPass;
          expect(sync.health().folders.map((f) => f.path)).toEqual(['INBOX', SENT]);
        } finally {
          await sync.stop();
        }
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
      } finally {
        await store.close();
        await database.drop();
      }
    });
  },
);
