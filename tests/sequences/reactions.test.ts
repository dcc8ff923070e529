/**
 * Ingest's verdicts reach the enrollments, on SQLite and PostgreSQL: mail imported through the
 * real pipeline, then the reactions `trademail run` applies each minute. A reply stops, a hard
 * bounce stops and suppresses, an out-of-office pauses until its return date, a generic
 * inquiry enrolls in prospecting; applying again changes nothing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPath } from '../../src/ingest/import/import.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { loadSequences } from '../../src/sequences/definitions/index.ts';
import { DEFAULT_TIMING, enroll, syncSequences } from '../../src/sequences/engine/index.ts';
import { enrollOverdue, enrollWakeUps } from '../../src/sequences/overdue.ts';
import { applyReactions } from '../../src/sequences/reactions.ts';
import type { Store } from '../../src/store/client.ts';
import { testConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';
import { makeMessage } from '../helpers/mailhost/index.ts';

const NOW = new Date('2026-11-24T03:00:00Z');
const OURS = 'anna@brightlux-lighting.com';

function dsn(recipient: string): string {
  const b = 'dsn-boundary';
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    `To: ${OURS}`,
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Tue, 24 Nov 2026 02:00:00 +0000',
    'Message-ID: <dsn-1@mx.example.net>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain',
    '',
    `Your message could not be delivered to ${recipient}.`,
    `--${b}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.net',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    `--${b}--`,
    '',
  ].join('\r\n');
}

for (const make of testDatabases()) {
  const database = make();
  describe(`reactions on ${database.name}`, () => {
    let store: Store;
    const leads: Record<string, number> = {};
    const enrollments: Record<string, number> = {};
    beforeAll(async () => {
      store = await database.open();
      await syncSequences(store.db, loadSequences('sequences'));
      for (const who of ['replier', 'bouncer', 'away']) {
        const lead = await store.db.lead.create({
          data: { email: `${who}@buyer-${who}.de`, country: 'DE', name: 'Max Muster' },
        });
        leads[who] = lead.id;
        enrollments[who] = (
          await enroll(store.db, { leadId: lead.id, sequenceName: 'prospecting', now: NOW }, DEFAULT_TIMING)
        ).id;
      }
      // The first step went out: its Message-ID is what the buyer replies to.
      await store.db.outboundMail.create({
        data: {
          idempotencyKey: 'test:first-step',
          enrollmentId: enrollments.replier,
          stepPosition: 0,
          leadId: leads.replier,
          kind: 'sequence',
          fromAddress: OURS,
          toAddress: 'replier@buyer-replier.de',
          subject: 'LED panels for your projects',
          messageId: '<step0@brightlux-lighting.com>',
          state: 'sent',
          sentAt: NOW,
        },
      });
      const dir = mkdtempSync(join(tmpdir(), 'tm-react-'));
      const mails = {
        reply: makeMessage({
          from: 'Max Muster <replier@buyer-replier.de>',
          to: OURS,
          subject: 'Re: LED panels for your projects',
          body: 'Thanks, please send the price for 500 pcs.',
          inReplyTo: '<step0@brightlux-lighting.com>',
          references: '<step0@brightlux-lighting.com>',
          date: new Date('2026-11-24T01:00:00Z'),
        }),
        bounce: dsn('bouncer@buyer-bouncer.de'),
        ooo: makeMessage({
          from: 'away@buyer-away.de',
          to: OURS,
          subject: 'Automatische Antwort: LED panels for your projects',
          body: 'Ich bin bis zum 7. Dezember 2026 nicht im Büro und habe keinen Zugriff auf E-Mails.',
          headers: { 'Auto-Submitted': 'auto-replied' },
          date: new Date('2026-11-24T01:30:00Z'),
        }),
        inquiry: makeMessage({
          from: 'Emeka Obi <emeka@obi-ventures.com.ng>',
          to: 'sales@brightlux-lighting.com',
          subject: 'REQUEST FOR PRICE LIST',
          body: 'Dear Sir,\n\nPlease send your catalogue and price list of all your products.\n\nRegards,\nEmeka',
          date: new Date('2026-11-24T02:30:00Z'),
        }),
      };
      for (const [name, raw] of Object.entries(mails)) writeFileSync(join(dir, `${name}.eml`), raw);
      const config = testConfig(null, [], database.url, {
        company: { name: 'BrightLux', domains: ['brightlux-lighting.com'] },
      });
      const r = await importPath({ db: store.db, config, log: silentLogger, now: () => NOW }, dir);
      expect(r.quarantined).toBe(0);
      expect(r.processed).toBe(4);
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    it('applies each processed message once and marks it', async () => {
      const first = await applyReactions(store.db, NOW, DEFAULT_TIMING);
      expect(first.messages).toBe(4);
      expect(first.applied).toMatchObject({ replied: 1, hard_bounce: 1, out_of_office: 1, enroll: 1 });
      expect(await store.db.message.count({ where: { reactedAt: null } })).toBe(0);
      const again = await applyReactions(store.db, NOW, DEFAULT_TIMING);
      expect(again.messages).toBe(0);
    });

    it('stopped the enrollment of the buyer who replied, with the reason', async () => {
      const e = await store.db.enrollment.findUniqueOrThrow({ where: { id: enrollments.replier } });
      expect(e.state).toBe('stopped');
      expect(e.stopReason).toMatch(/repl/i);
      expect(e.liveKey).toBeNull();
    });

    it('stopped and suppressed the hard-bounced address', async () => {
      expect(
        (await store.db.enrollment.findUniqueOrThrow({ where: { id: enrollments.bouncer } })).state,
      ).toBe('stopped');
      expect(
        (await store.db.suppression.findUniqueOrThrow({ where: { address: 'bouncer@buyer-bouncer.de' } }))
          .reason,
      ).toBe('hard_bounce');
    });

    it('paused the out-of-office buyer until the stated return date', async () => {
      const e = await store.db.enrollment.findUniqueOrThrow({ where: { id: enrollments.away } });
      expect(e.state).toBe('paused');
      expect(e.pausedUntil?.toISOString().slice(0, 10)).toBe('2026-12-07');
    });

    it('enrolled the generic inquiry in prospecting', async () => {
      const lead = await store.db.lead.findUniqueOrThrow({
        where: { email: 'emeka@obi-ventures.com.ng' },
        include: { enrollments: { include: { sequence: true } }, inquiries: true },
      });
      expect(lead.inquiries[0]?.priorityTier).toMatch(/^P[23]$/);
      expect(lead.enrollments.map((x) => [x.sequence.name, x.state])).toEqual([['prospecting', 'active']]);
    });

    it('enrolls a customer flagged for wake-up once per flag, and an inquiry left unanswered past its deadline', async () => {
      const silent = await store.db.lead.create({
        data: {
          email: 'old@customer-silent.ae',
          country: 'AE',
          status: 'customer',
          wakeUpFlaggedAt: NOW,
          wakeUpReason: 'no inquiry for 3 months',
        },
      });
      expect((await enrollWakeUps(store.db, NOW, DEFAULT_TIMING)).enrolled).toBe(1);
      expect((await enrollWakeUps(store.db, NOW, DEFAULT_TIMING)).enrolled).toBe(0);
      const woken = await store.db.enrollment.findFirstOrThrow({
        where: { leadId: silent.id },
        include: { sequence: true },
      });
      expect(woken.sequence.name).toBe('wake-up');

      const late = await store.db.lead.create({ data: { email: 'late@buyer-late.fr', country: 'FR' } });
      const raw = await store.db.rawMessage.create({
        data: { sha256: 'f'.repeat(64), size: 1, compressed: new Uint8Array([0]) },
      });
      const message = await store.db.message.create({
        data: { dedupeKey: '<late@x>', rawMessageId: raw.id, stage: 'processed', reactedAt: NOW },
      });
      await store.db.inquiry.create({
        data: {
          messageId: message.id,
          leadId: late.id,
          kind: 'inquiry',
          grade: 'B',
          receivedAt: NOW,
          deadlineAt: new Date(NOW.getTime() + 3_600_000),
        },
      });
      expect((await enrollOverdue(store.db, NOW, DEFAULT_TIMING)).enrolled).toBe(0);
      const afterDeadline = new Date(NOW.getTime() + 2 * 3_600_000);
      expect((await enrollOverdue(store.db, afterDeadline, DEFAULT_TIMING)).enrolled).toBe(1);
      expect((await enrollOverdue(store.db, afterDeadline, DEFAULT_TIMING)).enrolled).toBe(0);
    });
  });
}
