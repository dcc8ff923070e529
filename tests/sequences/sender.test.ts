/**
 * The sender and crash recovery on SQLite and PostgreSQL, with in-memory mailboxes whose SMTP
 * answers each test scripts: success with a Sent copy, 4xx backoff, 5xx bounce, broken
 * connections, interrupted sends decided from the Sent folder or the submission log, throttles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyMissingToSent,
  type EngineDeps,
  enroll,
  recoverSending,
  resolveUncertain,
  runCycle,
  sendDue,
  startScheduler,
  syncSequences,
  tick,
} from '../../src/sequences/engine/index.ts';
import type { Db, Store } from '../../src/store/client.ts';
import { claimOutbound } from '../../src/store/sequences/outbox.ts';
import { isSuppressed } from '../../src/store/suppressions.ts';
import { testDatabases } from '../helpers/db.ts';
import {
  createLead,
  directoryOf,
  messageIdOf,
  plainRenderer,
  ScriptedMailbox,
  SENDER,
  sequenceDef,
  smtpReply,
  timing,
} from './fixtures.ts';

const NOW = new Date('2025-03-03T09:00:00Z');
const MINUTE = 60_000;
const RETRY = { maxAttempts: 3, baseDelayMs: 10 * MINUTE, maxDelayMs: 15 * MINUTE };

for (const make of testDatabases()) {
  const database = make();
  describe(`sender on ${database.name}`, () => {
    let store: Store;
    let db: Db;

    beforeAll(async () => {
      store = await database.open();
      db = store.db;
      await syncSequences(db, [sequenceDef('two', 2, 1)]);
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    /** A fresh mailbox (its own name, so usage counts do not leak between tests) and one queued step. */
    async function setup(options: ConstructorParameters<typeof ScriptedMailbox>[1] = {}, priority = 0) {
      const name = `mb${Math.random().toString(36).slice(2, 8)}`;
      const mailbox = new ScriptedMailbox(name, options);
      const deps: EngineDeps = {
        db,
        worker: 'sender-a',
        render: plainRenderer,
        senders: () => ({ ...SENDER, mailboxName: name }),
        timing: timing(),
        mailboxes: directoryOf(mailbox),
        retry: RETRY,
      };
      const lead = await createLead(db);
      const enrollment = await enroll(
        db,
        { leadId: lead.id, sequenceName: 'two', now: NOW, priority },
        timing(),
      );
      await tick(deps, NOW);
      const mail = await db.outboundMail.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
      return { mailbox, deps, lead, enrollment, mail };
    }

    it('sends the stored bytes once, copies them to Sent and records the send on the timeline', async () => {
      const { mailbox, deps, lead, mail } = await setup();
      const report = await sendDue(deps, NOW);
      expect(report.outcomes.sent).toBeGreaterThanOrEqual(1);
      expect(mailbox.submitted).toHaveLength(1);
      expect(mailbox.submitted[0]!.raw.equals(Buffer.from(mail.raw!))).toBe(true);
      expect(mailbox.sentFolder!.messages.map((m) => messageIdOf(m.raw))).toEqual([mail.messageId]);
      const row = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({
        state: 'sent',
        smtpResponse: '250 2.0.0 OK',
        attempts: 1,
        lockedBy: null,
        lastError: null,
      });
      expect(row.sentAt?.getTime()).toBe(NOW.getTime());
      const activity = await db.activity.findFirstOrThrow({
        where: { leadId: lead.id, outboundMailId: mail.id },
      });
      expect(activity).toMatchObject({ type: 'outbound', direction: 'outbound', summary: mail.subject });
      await sendDue(deps, NOW);
      expect(mailbox.submitted).toHaveLength(1);
    });

    it('leaves the Sent copy to a provider that files submitted mail itself (sentCopy: server)', async () => {
      const { mailbox, deps, mail } = await setup({ appendsToSent: false });
      await sendDue(deps, NOW);
      expect(mailbox.submitted).toHaveLength(1);
      expect(mailbox.sentFolder!.messages).toHaveLength(0);
      expect(await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).toMatchObject({
        state: 'sent',
        lastError: null,
      });
      await copyMissingToSent(deps, NOW);
      expect(mailbox.sentFolder!.messages).toHaveLength(0);
    });

    it('retries a 4xx with capped exponential backoff, then fails after the last attempt', async () => {
      const { mailbox, deps, mail } = await setup();
      mailbox.answer = async () => {
        throw smtpReply(451, 'RCPT TO');
      };
      await sendDue(deps, NOW);
      let row = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({ state: 'queued', attempts: 1 });
      expect(row.notBefore?.getTime()).toBe(NOW.getTime() + 10 * MINUTE);
      await sendDue(deps, new Date(NOW.getTime() + 9 * MINUTE));
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).attempts).toBe(1);
      const t2 = new Date(NOW.getTime() + 10 * MINUTE);
      await sendDue(deps, t2);
      row = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({ state: 'queued', attempts: 2 });
      expect(row.notBefore?.getTime()).toBe(t2.getTime() + 15 * MINUTE); // 20 min capped at 15
      await sendDue(deps, row.notBefore!);
      row = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row).toMatchObject({ state: 'failed', attempts: 3 });
      expect(row.lastError).toMatch(/^gave up after 3 attempts: 451/);
    });

    it('a 5xx for the recipient fails the mail, suppresses the address and stops the enrollment', async () => {
      const { mailbox, deps, lead, mail, enrollment } = await setup();
      mailbox.answer = async () => {
        throw smtpReply(550, 'RCPT TO');
      };
      const report = await sendDue(deps, NOW);
      expect(report.outcomes.bounced).toBe(1);
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).state).toBe('failed');
      expect(await isSuppressed(db, lead.email!)).toBe(true);
      expect(await db.enrollment.findUniqueOrThrow({ where: { id: enrollment.id } })).toMatchObject({
        state: 'stopped',
        stopReason: 'hard_bounce',
      });
    });

    it('a broken connection leaves the mail uncertain; not found in Sent, it is queued and sent once', async () => {
      const { mailbox, deps, mail } = await setup();
      mailbox.answer = async () => {
        throw Object.assign(new Error('Connection closed unexpectedly'), {
          code: 'ECONNECTION',
          command: 'CONN',
        });
      };
      const report = await sendDue(deps, NOW);
      expect(report.outcomes.uncertain).toBe(1);
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).state).toBe('uncertain');
      // Uncertain mail is never picked by the sender.
      mailbox.answer = async () => '250 OK';
      await sendDue(deps, NOW);
      expect(mailbox.submitted).toHaveLength(0);
      const resolved = await resolveUncertain(deps, NOW);
      expect(resolved.requeued).toEqual([mail.id]);
      await sendDue(deps, NOW);
      expect(mailbox.submitted).toHaveLength(1);
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).state).toBe('sent');
    });

    it('after a crash between SMTP and the state write, the Sent folder proves the send: no second send', async () => {
      const { mailbox, deps, mail } = await setup();
      // Simulate the dead process: it claimed the mail, SMTP accepted it, the copy reached Sent.
      expect(await claimOutbound(db, mail.id, 'sender-dead', NOW)).toBe(true);
      await mailbox.submit({ from: mail.fromAddress, to: mail.toAddress }, Buffer.from(mail.raw!));
      await mailbox.sentFolder!.append(Buffer.from(mail.raw!), NOW);
      expect(await recoverSending(db, { now: NOW })).toBe(0); // fresh claim of another process: untouched
      expect(await recoverSending(db, { now: NOW, ownWorker: 'sender-dead' })).toBe(1);
      const resolved = await resolveUncertain(deps, NOW);
      expect(resolved.sent).toEqual([{ id: mail.id, evidence: 'sent_folder' }]);
      await sendDue(deps, NOW);
      expect(mailbox.submitted).toHaveLength(1);
      const row = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row.state).toBe('sent');
      expect(row.smtpResponse).toMatch(/Sent folder/);
    });

    it('a crash after the 250 but before the copy is settled by the submission log, and the copy is made', async () => {
      const { mailbox, deps, mail } = await setup();
      expect(await claimOutbound(db, mail.id, 'sender-dead', NOW)).toBe(true);
      await mailbox.submit({ from: mail.fromAddress, to: mail.toAddress }, Buffer.from(mail.raw!));
      const accepted = new Set(mailbox.submitted.map((s) => messageIdOf(s.raw)));
      await recoverSending(db, { now: new Date(NOW.getTime() + 6 * MINUTE) });
      const resolved = await resolveUncertain(
        { ...deps, submissionLog: { contains: async (id) => accepted.has(id) } },
        new Date(NOW.getTime() + 6 * MINUTE),
      );
      expect(resolved.sent).toEqual([{ id: mail.id, evidence: 'submission_log' }]);
      expect(mailbox.sentFolder!.messages.map((m) => messageIdOf(m.raw))).toEqual([mail.messageId]);
      await sendDue(deps, NOW);
      expect(mailbox.submitted).toHaveLength(1);
    });

    it('with nowhere to look, an uncertain mail stays uncertain for a person', async () => {
      const { deps, mail } = await setup({ sentFolder: false });
      expect(await claimOutbound(db, mail.id, 'sender-dead', NOW)).toBe(true);
      await recoverSending(db, { now: NOW, ownWorker: 'sender-dead' });
      const resolved = await resolveUncertain(deps, NOW);
      expect(resolved.undecidable).toContain(mail.id);
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).state).toBe('uncertain');
    });

    it('a failed Sent copy does not resend; it is retried later and then cleared', async () => {
      const { mailbox, deps, mail } = await setup();
      mailbox.sentFolder!.failAppend = true;
      const report = await sendDue(deps, NOW);
      expect(report.sentCopyFailed).toBe(1);
      let row = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row.state).toBe('sent');
      expect(row.lastError).toMatch(/^copy to Sent failed/);
      expect((await copyMissingToSent(deps, NOW)).errors).toBeGreaterThanOrEqual(1);
      mailbox.sentFolder!.failAppend = false;
      await copyMissingToSent(deps, NOW);
      row = await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } });
      expect(row.lastError).toBeNull();
      expect(mailbox.sentFolder!.messages).toHaveLength(1);
      expect(mailbox.submitted).toHaveLength(1);
    });

    it('holds mail of a paused enrollment and cancels mail of a stopped one', async () => {
      const paused = await setup();
      await db.enrollment.update({
        where: { id: paused.enrollment.id },
        data: { state: 'paused', pausedUntil: new Date(NOW.getTime() + 60 * MINUTE) },
      });
      expect((await sendDue(paused.deps, NOW)).outcomes.deferred).toBe(1);
      const held = await db.outboundMail.findUniqueOrThrow({ where: { id: paused.mail.id } });
      expect(held).toMatchObject({ state: 'queued', attempts: 0 });
      expect(held.notBefore?.getTime()).toBe(NOW.getTime() + 60 * MINUTE);
      const stopped = await setup();
      await db.enrollment.update({
        where: { id: stopped.enrollment.id },
        data: { state: 'stopped', stopReason: 'replied', liveKey: null },
      });
      expect((await sendDue(stopped.deps, NOW)).outcomes.cancelled).toBe(1);
      expect(stopped.mailbox.submitted).toHaveLength(0);
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: stopped.mail.id } })).lastError).toBe(
        'cancelled: enrollment stopped (replied)',
      );
    });

    it('keeps to the daily cap, higher priority first, and to the minimum gap', async () => {
      const low = await setup({ throttle: { dailyCap: 2 } }, 0);
      const name = low.mailbox.name;
      const deps = low.deps;
      const enrollOne = async (priority: number) => {
        const lead = await createLead(db);
        const e = await enroll(db, { leadId: lead.id, sequenceName: 'two', now: NOW, priority }, timing());
        await tick(deps, NOW);
        return db.outboundMail.findFirstOrThrow({ where: { enrollmentId: e.id } });
      };
      const high = await enrollOne(5);
      const mid = await enrollOne(3);
      const report = await sendDue(deps, NOW);
      expect(report.throttled).toBe(1);
      expect(low.mailbox.submitted.map((s) => messageIdOf(s.raw))).toEqual([high.messageId, mid.messageId]);
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: low.mail.id } })).state).toBe('queued');
      // The next local day (Asia/Shanghai midnight) frees the cap.
      await sendDue(deps, new Date('2025-03-03T16:01:00Z'));
      expect(low.mailbox.submitted).toHaveLength(3);
      expect(name).toBe(low.mailbox.name);

      const gap = await setup({ throttle: { minGapMs: 30_000 } });
      const second = await (async () => {
        const lead = await createLead(db);
        const e = await enroll(db, { leadId: lead.id, sequenceName: 'two', now: NOW }, timing());
        await tick(gap.deps, NOW);
        return db.outboundMail.findFirstOrThrow({ where: { enrollmentId: e.id } });
      })();
      expect((await sendDue(gap.deps, NOW)).throttled).toBe(1);
      expect(gap.mailbox.submitted).toHaveLength(1);
      await sendDue(gap.deps, new Date(NOW.getTime() + 29_000));
      expect(gap.mailbox.submitted).toHaveLength(1);
      await sendDue(gap.deps, new Date(NOW.getTime() + 30_000));
      expect(gap.mailbox.submitted.map((s) => messageIdOf(s.raw))).toContain(second.messageId);
    });

    it('startScheduler runs the cycle on its cron tick with the injected clock, and stops', async () => {
      const { mailbox, deps, mail } = await setup();
      const handle = await startScheduler({
        ...deps,
        cron: '* * * * * *',
        clock: () => NOW,
        workerNameIsStable: true,
      });
      try {
        const deadline = Date.now() + 10_000;
        while (mailbox.submitted.length === 0 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 50));
      } finally {
        await handle.stop();
      }
      expect(mailbox.submitted.map((s) => messageIdOf(s.raw))).toEqual([mail.messageId]);
      expect((await db.outboundMail.findUniqueOrThrow({ where: { id: mail.id } })).state).toBe('sent');
    });

    it('runCycle chains recovery, scheduling and sending', async () => {
      const { mailbox, deps, mail } = await setup();
      const report = await runCycle(deps, NOW);
      expect(report.send.outcomes.sent).toBeGreaterThanOrEqual(1);
      expect(mailbox.submitted.map((s) => messageIdOf(s.raw))).toEqual([mail.messageId]);
    });
  });
}
