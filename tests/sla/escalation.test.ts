/**
 * Reminder and escalation mails through a real SMTP server (the test sink), with an injected
 * clock: the reminder reaches the owner at 75% of the SLA's working time, the escalation the
 * manager at the deadline, each only in the recipient's working hours, and each exactly once,
 * also after a restart and when two processes run the job side by side.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { runEscalations, type SlaJobDeps } from '../../src/sla/escalation-job.ts';
import { smtpTransports } from '../../src/sla/notify/transport.ts';
import type { Store } from '../../src/store/client.ts';
import { loadTemplates } from '../../src/templates/load.ts';
import { testDatabases } from '../helpers/db.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/mailhost/index.ts';
import {
  cn,
  DAVID,
  ingest,
  LILY,
  lilyMailbox,
  peopleWithMailbox,
  sampleRequest,
  slaConfig,
  slaConfigDocument,
} from './helpers.ts';

const templates = loadTemplates(path.resolve(import.meta.dirname, '../../templates'));

function recipients(sink: SmtpSink): string[] {
  return sink.messages.map((m) => m.to.join(','));
}

/** Runs escalation-child.ts until it prints `word`, then kills it with SIGKILL. */
function killChildAt(word: string, env: Record<string, string>): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'escalation-child.ts')],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child never printed ${word}: ${out} ${err}`));
    }, 30_000);
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes(word)) child.kill('SIGKILL');
    });
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && out.includes(word)) resolve(out);
      else reject(new Error(`child exited without reaching ${word}: ${out} ${err}`));
    });
  });
}

for (const make of testDatabases()) {
  const database = make();
  describe(`SLA escalations on ${database.name}`, () => {
    let store: Store;
    let sink: SmtpSink;
    let config: Config;
    const deps = (worker = 'sla-test'): SlaJobDeps => ({
      db: store.db,
      config,
      log: silentLogger,
      templates,
      transports: smtpTransports,
      worker,
    });

    let configDocument: ReturnType<typeof slaConfigDocument>;
    const sent = (report: Awaited<ReturnType<typeof runEscalations>>, inquiryId: number) =>
      report.sent.filter((s) => s.inquiryId === inquiryId);
    const arrive = async (buyer: string, at: Date) => {
      await ingest(store.db, config, [sampleRequest(buyer, at)], at);
      return store.db.inquiry.findFirstOrThrow({ where: { receivedAt: at }, orderBy: { id: 'desc' } });
    };

    beforeAll(async () => {
      store = await database.open();
      sink = await startSmtpSink();
      configDocument = slaConfigDocument(database.url, {
        mailboxes: [lilyMailbox(sink)],
        salespeople: peopleWithMailbox(),
        assignment: { fallback: { user: LILY } },
      });
      config = slaConfig(database.url, configDocument);
    });
    // Each case follows its own inquiry: earlier ones must not fall due under a later clock.
    beforeEach(async () => {
      await store.db.inquiry.updateMany({ where: { status: 'open' }, data: { status: 'closed' } });
    });
    afterAll(async () => {
      await sink?.stop();
      await store?.close();
      await database.drop();
    });

    it('reminds the owner at 75% (waiting out her lunch break) and escalates at the deadline, once each', async () => {
      // Monday 10:00; Lily works 09:00-11:30, 13:30-17:00, 18:00-20:00. P1 = 2 working hours:
      // deadline 14:00; 75% (1.5 h) is used up at 11:30, when her lunch break starts.
      const arrived = cn('2026-03-09 10:00');
      await ingest(
        store.db,
        config,
        [sampleRequest('Markus Weber <m.weber@kestrel-licht.de>', arrived)],
        arrived,
      );
      const inquiry = await store.db.inquiry.findFirstOrThrow({
        where: { lead: { email: 'm.weber@kestrel-licht.de' } },
      });
      expect(inquiry.priorityTier).toBe('P1');
      expect(inquiry.deadlineAt?.toISOString()).toBe(cn('2026-03-09 14:00').toISOString());

      expect((await runEscalations(deps(), cn('2026-03-09 11:15'))).sent).toEqual([]);
      const lunch = await runEscalations(deps(), cn('2026-03-09 11:30'));
      expect(lunch.sent).toEqual([]);
      expect(lunch.deferred).toBe(1);
      expect(sink.messages).toHaveLength(0);

      const afterLunch = await runEscalations(deps(), cn('2026-03-09 13:30'));
      expect(afterLunch.sent).toEqual([{ inquiryId: inquiry.id, level: 'reminder', to: LILY }]);
      await sink.waitFor(1);
      expect((await runEscalations(deps(), cn('2026-03-09 13:45'))).sent).toEqual([]);

      const breach = await runEscalations(deps(), cn('2026-03-09 14:00'));
      expect(breach.sent).toEqual([{ inquiryId: inquiry.id, level: 'escalation', to: DAVID }]);
      await sink.waitFor(2);
      expect((await runEscalations(deps(), cn('2026-03-09 15:00'))).sent).toEqual([]);
      expect(recipients(sink)).toEqual([LILY, DAVID]);

      const reminder = sink.messages[0]!.raw.toString();
      expect(reminder).toMatch(/^Subject: Reply due 14:00 GMT\+8: m\.weber@kestrel-licht\.de/m);
      expect(reminder).toContain('Auto-Submitted: auto-generated');
      const escalation = sink.messages[1]!.raw.toString();
      expect(escalation).toMatch(/^Subject: Overdue reply: /m);
      const rows = await store.db.outboundMail.findMany({
        where: { kind: { in: ['sla_reminder', 'sla_escalation'] } },
        orderBy: { id: 'asc' },
      });
      expect(rows.map((r) => [r.idempotencyKey, r.state])).toEqual([
        [`sla:${inquiry.id}:reminder`, 'sent'],
        [`sla:${inquiry.id}:escalation`, 'sent'],
      ]);
    });

    it('does not mail at night or at the weekend: the escalation waits for the manager on Monday 09:00', async () => {
      // Friday 17:30, Lily's break: the clock starts at 18:00, P1 deadline 20:00, reminder 19:30.
      const inquiry = await arrive('Ana Souza <ana@luminar-br.com>', cn('2026-03-13 17:30'));
      expect(inquiry.deadlineAt?.toISOString()).toBe(cn('2026-03-13 20:00').toISOString());
      expect(sent(await runEscalations(deps(), cn('2026-03-13 19:00')), inquiry.id)).toEqual([]);
      expect(sent(await runEscalations(deps(), cn('2026-03-13 19:30')), inquiry.id)).toEqual([
        { inquiryId: inquiry.id, level: 'reminder', to: LILY },
      ]);
      // David works 09:00-12:00 and 13:30-18:00 on weekdays only.
      for (const at of [
        '2026-03-13 20:00',
        '2026-03-13 23:30',
        '2026-03-14 10:00',
        '2026-03-15 16:00',
        '2026-03-16 08:59',
      ]) {
        expect(sent(await runEscalations(deps(), cn(at)), inquiry.id), at).toEqual([]);
      }
      expect(sent(await runEscalations(deps(), cn('2026-03-16 09:00')), inquiry.id)).toEqual([
        { inquiryId: inquiry.id, level: 'escalation', to: DAVID },
      ]);
      const levels = await store.db.slaNotification.findMany({
        where: { inquiryId: inquiry.id },
        orderBy: { id: 'asc' },
      });
      expect(levels.map((l) => [l.level, l.createdAt.toISOString()])).toEqual([
        ['reminder', cn('2026-03-13 19:30').toISOString()],
        ['escalation', cn('2026-03-16 09:00').toISOString()],
      ]);
    });

    it('sends a level once when two processes run the job at the same moment, and not again after a restart', async () => {
      // Tuesday 13:30: deadline 15:30, reminder at 15:00.
      const inquiry = await arrive('Jan de Vries <j.devries@vrieslicht-nl.com>', cn('2026-03-10 13:30'));
      const before = sink.messages.length;
      const [a, b] = await Promise.all([
        runEscalations(deps('sla-a'), cn('2026-03-10 15:00')),
        runEscalations(deps('sla-b'), cn('2026-03-10 15:00')),
      ]);
      expect([...sent(a, inquiry.id), ...sent(b, inquiry.id)]).toEqual([
        { inquiryId: inquiry.id, level: 'reminder', to: LILY },
      ]);
      await sink.waitFor(before + 1);
      const restarted = await runEscalations(deps('sla-a'), cn('2026-03-10 15:05'), { startup: true });
      expect(sent(restarted, inquiry.id)).toEqual([]);
      expect(restarted.recovery.uncertain).toBe(0);
      expect(sink.messages.length).toBe(before + 1);
    });

    it('sends a notice whose process was killed after writing it and before SMTP, exactly once', async () => {
      // Wednesday 13:30: reminder due at 15:00.
      const inquiry = await arrive('Priya Nair <priya@shreeganesh-in.com>', cn('2026-03-11 13:30'));
      const before = sink.messages.length;
      await killChildAt('WRITTEN', {
        CHILD_CONFIG: JSON.stringify(configDocument),
        CHILD_NOW: cn('2026-03-11 15:00').toISOString(),
        CHILD_MODE: 'before-smtp',
        CHILD_WORKER: 'sla-main',
      });
      const row = await store.db.outboundMail.findUniqueOrThrow({
        where: { idempotencyKey: `sla:${inquiry.id}:reminder` },
      });
      expect([row.state, row.lockedBy, row.lockedAt, row.smtpResponse]).toEqual([
        'sending',
        'sla-main',
        null,
        null,
      ]);
      expect(sink.messages.length).toBe(before);

      // The service comes back under its (stable) worker name and settles the row first thing.
      const restarted = await runEscalations(deps('sla-main'), cn('2026-03-11 15:01'), { startup: true });
      expect(restarted.recovery.redelivered.sent).toBe(1);
      expect(sent(restarted, inquiry.id)).toEqual([]);
      await sink.waitFor(before + 1);
      const again = await runEscalations(deps('sla-main'), cn('2026-03-11 15:10'), { startup: true });
      expect(again.recovery.redelivered.sent).toBe(0);
      expect(sink.messages.length).toBe(before + 1);
      expect(sink.messages.at(-1)!.raw.toString()).toContain(row.messageId);
      expect((await store.db.outboundMail.findUniqueOrThrow({ where: { id: row.id } })).state).toBe('sent');
    });

    it('never resends a notice whose process was killed while SMTP had it: it becomes uncertain', async () => {
      const inquiry = await arrive('Omar Haddad <omar@alwaha-electric-jo.com>', cn('2026-03-12 13:30'));
      const before = sink.messages.length;
      await killChildAt('HANDOVER', {
        CHILD_CONFIG: JSON.stringify(configDocument),
        CHILD_NOW: cn('2026-03-12 15:00').toISOString(),
        CHILD_MODE: 'during-smtp',
        CHILD_WORKER: 'sla-main',
      });
      const restarted = await runEscalations(deps('sla-main'), cn('2026-03-12 15:01'), { startup: true });
      expect(restarted.recovery.uncertain).toBe(1);
      const row = await store.db.outboundMail.findUniqueOrThrow({
        where: { idempotencyKey: `sla:${inquiry.id}:reminder` },
      });
      expect(row.state).toBe('uncertain');
      await runEscalations(deps('sla-main'), cn('2026-03-12 15:20'));
      expect(sink.messages.length).toBe(before);
    });

    it('alerts the manager at the deadline when no one owns the inquiry (no rule matched)', async () => {
      const noRules = slaConfig(database.url, { ...configDocument, assignment: {} });
      const at = cn('2026-03-18 10:00');
      await ingest(store.db, noRules, [sampleRequest('Liam <liam@oconnor-lamps.com.au>', at)], at);
      const inquiry = await store.db.inquiry.findFirstOrThrow({
        where: { lead: { email: 'liam@oconnor-lamps.com.au' } },
      });
      // The company's hours: 10:00 + 2 h = 12:00. No owner, so no reminder at 75%.
      expect([inquiry.ownerId, inquiry.deadlineAt?.toISOString()]).toEqual([
        null,
        cn('2026-03-18 12:00').toISOString(),
      ]);
      const unowned = { ...deps(), config: noRules };
      expect(sent(await runEscalations(unowned, cn('2026-03-18 11:30')), inquiry.id)).toEqual([]);
      expect(sent(await runEscalations(unowned, cn('2026-03-18 13:30')), inquiry.id)).toEqual([
        { inquiryId: inquiry.id, level: 'escalation', to: DAVID },
      ]);
      // Quoted-printable soft line breaks (RFC 2045 6.7) joined back.
      const mail = sink.messages.at(-1)!.raw.toString().replace(/=\r\n/g, '');
      expect(mail).toContain('No one (not assigned: the lead is in the shared pool) has not answered yet');
    });

    it('stops the clock when a sequence mail reached the buyer: no reminder, no escalation', async () => {
      const inquiry = await arrive('Sophie Tremblay <s.tremblay@lumierenord-ca.com>', cn('2026-03-17 10:00'));
      await store.db.outboundMail.create({
        data: {
          idempotencyKey: `test:sequence:${inquiry.id}`,
          kind: 'sequence',
          fromAddress: LILY,
          toAddress: 's.tremblay@lumierenord-ca.com',
          subject: 'LED panel light samples',
          messageId: `<seq-${inquiry.id}@brightlux-lighting.com>`,
          state: 'sent',
          sentAt: cn('2026-03-17 10:20'),
        },
      });
      const report = await runEscalations(deps(), cn('2026-03-17 14:30'));
      expect(report.clocksStopped).toBe(1);
      expect(sent(report, inquiry.id)).toEqual([]);
      const after = await store.db.inquiry.findUniqueOrThrow({ where: { id: inquiry.id } });
      expect([after.status, after.answeredAt?.toISOString()]).toEqual([
        'answered',
        cn('2026-03-17 10:20').toISOString(),
      ]);
    });
  });
}
