/**
 * End to end against a private Dovecot and an SMTP sink, with an injected clock: the shipped
 * prospecting sequence for a German buyer goes out on German working days inside 09:00-17:00
 * Berlin time, threaded, with copies in the salesperson's Sent folder; a reply stops it, a
 * bounce (SMTP 5xx or a DSN seen by ingest) stops and suppresses, an out-of-office pauses and
 * resumes, an unsubscribe suppresses across sequences, and a public holiday moves a step; on
 * both databases.
 */
import path from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isTrademailError } from '../../src/errors.ts';
import { loadSequences } from '../../src/sequences/definitions/index.ts';
import {
  configSenderResolver,
  type EngineDeps,
  enroll,
  mailboxDirectory,
  onHardBounce,
  onLeadReplied,
  onOutOfOffice,
  onUnsubscribe,
  runCycle,
  stop,
  syncSequences,
} from '../../src/sequences/engine/index.ts';
import { planSendTime, publicHolidays, toLocal } from '../../src/sequences/timing/index.ts';
import type { Db, Store } from '../../src/store/client.ts';
import { isSuppressed } from '../../src/store/suppressions.ts';
import { type TestDatabase, testDatabases } from '../helpers/db.ts';
import {
  type DovecotHost,
  makeMessage,
  type SmtpSink,
  startDovecot,
  startSmtpSink,
} from '../helpers/mailhost/index.ts';
import { runUntil } from './driver.ts';
import { createLead, plainRenderer, REPO_ROOT, seededRng, senderMailbox, timing } from './fixtures.ts';

const LILY = { name: 'lily', password: 'lily-secret' };
const BERLIN = 'Europe/Berlin';
const DAY = 86_400_000;

let dovecot: DovecotHost;
let sink: SmtpSink;
let store: Store;
let db: Db;
let deps: EngineDeps;
// Set for each database by its describe block below; the blocks run one after the other.
let database: TestDatabase;

async function received(to: string): Promise<ParsedMail[]> {
  const mine = sink.messages.filter((m) => m.to.includes(to));
  return Promise.all(mine.map((m) => simpleParser(m.raw)));
}

/** Message-IDs in lily's Sent folder, with their flags. */
async function sentFolder(): Promise<Map<string, string[]>> {
  const client = await dovecot.connect(LILY.name);
  const out = new Map<string, string[]>();
  try {
    const lock = await client.getMailboxLock('Sent');
    try {
      for await (const msg of client.fetch('1:*', { envelope: true, flags: true })) {
        out.set(msg.envelope?.messageId ?? '', [...(msg.flags ?? [])]);
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
  return out;
}

function expectBerlinWorkingHours(date: Date) {
  const l = toLocal(date, BERLIN);
  expect(['mon', 'tue', 'wed', 'thu', 'fri']).toContain(l.weekday);
  expect(l.hour).toBeGreaterThanOrEqual(9);
  expect(l.hour).toBeLessThan(17);
  expect(publicHolidays('DE', l)).toBe(false);
}

function countByMessageId(mails: readonly ParsedMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mails) counts.set(m.messageId ?? '', (counts.get(m.messageId ?? '') ?? 0) + 1);
  return counts;
}

describe.each(testDatabases())(
  'sequence engine end to end (Dovecot + SMTP sink, injected clock) (%o)',
  (make) => {
    beforeAll(async () => {
      // Here, not in the describe body: the bodies of both blocks run before any test does.
      database = make();
      [dovecot, sink, store] = await Promise.all([
        startDovecot({ users: [LILY] }),
        startSmtpSink(),
        database.open(),
      ]);
      db = store.db;
      await syncSequences(db, loadSequences(path.join(REPO_ROOT, 'sequences')));
      const mailbox = senderMailbox(sink, {
        host: dovecot.host,
        port: dovecot.port,
        user: LILY.name,
        password: LILY.password,
      });
      deps = {
        db,
        worker: 'e2e',
        render: plainRenderer,
        senders: configSenderResolver(
          db,
          { mailboxes: [mailbox], salespeople: [] },
          { defaultMailbox: 'lily' },
        ),
        timing: timing(11),
        mailboxes: mailboxDirectory([mailbox], {
          throttle: () => ({ dailyCap: 100, minGapMs: 0, timeZone: 'Asia/Shanghai' }),
        }),
      };
    });

    afterAll(async () => {
      await deps?.mailboxes.close();
      await store?.close();
      await database.drop();
      await sink?.stop();
      await dovecot?.stop();
    });

    it('sends prospecting on German working hours, threaded, copied to Sent; a holiday moves a step; a reply stops it', async () => {
      // Thursday 2 October 2025, 10:00 in Berlin. Friday 3 October is German Unity Day.
      const start = new Date('2025-10-02T08:00:00Z');
      const lead = await createLead(db, {
        email: 'hans@buyer-de.example',
        name: 'Hans Müller',
        country: 'DE',
      });
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'prospecting', now: start }, deps.timing);

      const cycles = await runUntil(deps, [lead.id], start, new Date('2025-10-12T00:00:00Z'));
      const mails = await received(lead.email!);
      expect(mails).toHaveLength(3);
      const [first, second, third] = mails as [ParsedMail, ParsedMail, ParsedMail];
      for (const m of mails) expectBerlinWorkingHours(m.date!);
      expect(first.date?.toISOString()).toBe(start.toISOString());

      // Step 2 waits 1-2 days: Friday is the holiday and Saturday the weekend, so it goes on Monday at
      // the window's opening. Without the holiday calendar it would have gone on the Friday.
      expect(second.date?.toISOString()).toBe('2025-10-06T07:00:00.000Z');
      const withoutHolidays = planSendTime({
        previousAt: start,
        delay: { minDays: 1, maxDays: 2 },
        buyer: { country: 'DE', timeZone: null },
        window: deps.timing!.window,
        holidays: 'none',
        rng: seededRng(1),
      });
      expect(toLocal(withoutHolidays, BERLIN)).toMatchObject({ year: 2025, month: 10, day: 3 });
      // Step 3 waits 4-5 days after step 2.
      const gap = third.date!.getTime() - second.date!.getTime();
      expect(gap).toBeGreaterThanOrEqual(4 * DAY);
      expect(gap).toBeLessThanOrEqual(5 * DAY);

      // Threaded as replies to the first mail (RFC 5322 3.6.4).
      expect(second.subject).toBe(`Re: ${first.subject}`);
      expect(third.subject).toBe(`Re: ${first.subject}`);
      expect(second.inReplyTo).toBe(first.messageId);
      expect(third.inReplyTo).toBe(second.messageId);
      expect(third.references).toEqual([first.messageId, second.messageId]);
      expect(cycles.every((c) => c.report.send.errors.length === 0)).toBe(true);

      // Copies in Sent, flagged \Seen, with the very Message-IDs the buyer got.
      const sent = await sentFolder();
      for (const m of mails) expect(sent.get(m.messageId!)).toContain('\\Seen');

      // The buyer answers; ingest files the reply and tells the engine. The 4th step never goes.
      const enrollment = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      const planned = enrollment.nextStepAt!;
      const replyAt = new Date('2025-10-13T08:30:00Z');
      await dovecot.appendMessage(
        LILY.name,
        'INBOX',
        makeMessage({
          from: 'Hans Müller <hans@buyer-de.example>',
          to: 'lily@bright.example',
          subject: `Re: ${first.subject}`,
          body: 'Thanks, please send the catalogue.',
          inReplyTo: third.messageId!,
          references: [first.messageId!, second.messageId!, third.messageId!],
          date: replyAt,
        }),
      );
      expect((await onLeadReplied(db, lead.id, replyAt)).stopped).toEqual([e.id]);
      await runCycle(deps, planned);
      await runCycle(deps, new Date(planned.getTime() + 10 * DAY));
      expect(await received(lead.email!)).toHaveLength(3);
      expect(await db.enrollment.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({
        state: 'stopped',
        stopReason: 'replied',
      });
      expect([...countByMessageId(await received(lead.email!)).values()].every((n) => n === 1)).toBe(true);
    });

    it('a 5xx from the server and a DSN seen by ingest both stop and suppress', async () => {
      const start = new Date('2025-11-03T09:00:00Z'); // Monday 10:00 Berlin
      const rejected = await createLead(db, { email: 'gone@buyer-de.example', country: 'DE' });
      const dsn = await createLead(db, { email: 'left-company@buyer-de.example', country: 'DE' });
      sink.rejectRecipient(rejected.email!, 550, '5.1.1 No such user');
      const e1 = await enroll(
        db,
        { leadId: rejected.id, sequenceName: 'prospecting', now: start },
        deps.timing,
      );
      const e2 = await enroll(db, { leadId: dsn.id, sequenceName: 'prospecting', now: start }, deps.timing);
      const cycle = await runCycle(deps, start);
      expect(cycle.send.outcomes.bounced).toBe(1);
      expect(await received(rejected.email!)).toHaveLength(0);
      expect(await db.suppression.findUniqueOrThrow({ where: { address: rejected.email! } })).toMatchObject({
        reason: 'hard_bounce',
      });
      expect(await db.enrollment.findUniqueOrThrow({ where: { id: e1.id } })).toMatchObject({
        state: 'stopped',
        stopReason: 'hard_bounce',
      });
      const failed = await db.outboundMail.findFirstOrThrow({ where: { enrollmentId: e1.id } });
      expect(failed.state).toBe('failed');
      expect(failed.lastError).toMatch(/550/);

      // The second address accepted the first mail; a day later its DSN (RFC 3464) arrives.
      expect(await received(dsn.email!)).toHaveLength(1);
      const bounceAt = new Date('2025-11-04T03:00:00Z');
      expect((await onHardBounce(db, dsn.email!, bounceAt)).stopped).toEqual([e2.id]);
      await runUntil(deps, [rejected.id, dsn.id], bounceAt, new Date('2025-12-15T00:00:00Z'));
      expect(await received(dsn.email!)).toHaveLength(1);
      expect(await isSuppressed(db, dsn.email!)).toBe(true);
      sink.acceptRecipient(rejected.email!);
    });

    it('an out-of-office pauses until the return date, then the sequence resumes in the buyer window', async () => {
      const start = new Date('2025-11-17T09:00:00Z'); // Monday 10:00 Berlin
      const lead = await createLead(db, { email: 'away@buyer-de.example', country: 'DE' });
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'prospecting', now: start }, deps.timing);
      await runCycle(deps, start);
      expect(await received(lead.email!)).toHaveLength(1);
      const plannedBefore = (await db.enrollment.findUniqueOrThrow({ where: { id: e.id } })).nextStepAt!;
      const back = new Date('2025-11-26T00:00:00Z'); // Wednesday
      expect(plannedBefore.getTime()).toBeLessThan(back.getTime());
      expect((await onOutOfOffice(db, lead.id, back, new Date(start.getTime() + 3_600_000))).paused).toEqual([
        e.id,
      ]);
      await runCycle(deps, plannedBefore);
      await runCycle(deps, new Date(back.getTime() - 60_000));
      expect(await received(lead.email!)).toHaveLength(1);
      const cycles = await runUntil(deps, [lead.id], back, new Date('2025-11-26T23:00:00Z'));
      expect(cycles.some((c) => c.report.tick.resumed === 1)).toBe(true);
      const mails = await received(lead.email!);
      expect(mails).toHaveLength(2);
      // Resumed at midnight, sent when the Berlin window opened that morning.
      expect(mails[1]!.date?.toISOString()).toBe('2025-11-26T08:00:00.000Z');
      expect(mails[1]!.inReplyTo).toBe(mails[0]!.messageId);
      await stop(db, e.id, 'manual: end of test', new Date('2025-11-27T00:00:00Z'));
    });

    it('an unsubscribe suppresses the address in every sequence', async () => {
      const start = new Date('2025-12-01T09:00:00Z'); // Monday 10:00 Berlin
      const lead = await createLead(db, { email: 'no-more@buyer-de.example', country: 'DE' });
      const prospecting = await enroll(
        db,
        { leadId: lead.id, sequenceName: 'prospecting', now: start },
        deps.timing,
      );
      const wakeUp = await enroll(db, { leadId: lead.id, sequenceName: 'wake-up', now: start }, deps.timing);
      await runCycle(deps, start);
      expect(await received(lead.email!)).toHaveLength(2);
      const at = new Date(start.getTime() + 3_600_000);
      expect((await onUnsubscribe(db, lead.email!, at)).stopped.sort()).toEqual(
        [prospecting.id, wakeUp.id].sort(),
      );
      await runUntil(deps, [lead.id], at, new Date('2026-01-15T00:00:00Z'));
      await runCycle(deps, new Date('2025-12-10T09:00:00Z'));
      expect(await received(lead.email!)).toHaveLength(2);
      expect(await db.suppression.findUniqueOrThrow({ where: { address: lead.email! } })).toMatchObject({
        reason: 'unsubscribe',
      });
      const refused = await enroll(db, { leadId: lead.id, sequenceName: 'trade-show', now: at }).catch(
        (err) => err,
      );
      expect(isTrademailError(refused, 'NOT_MAILABLE')).toBe(true);
    });

    it('the sink saw every Message-ID exactly once across all scenarios', () => {
      const ids = sink.messages.map((m) => /^Message-ID: (<[^>]+>)/im.exec(m.raw.toString('latin1'))?.[1]);
      expect(ids.every((id) => id !== undefined)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(3 + 1 + 2 + 2);
    });
  },
);
