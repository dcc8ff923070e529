/**
 * The sequence store on SQLite and PostgreSQL: enrollment uniqueness, claims under contention,
 * state changes with recorded reasons, and the scheduler tick writing outbox rows. The signals
 * ingest calls are in signals.test.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  enroll,
  onLeadReplied,
  pause,
  resume,
  type SchedulerDeps,
  stop,
  syncSequences,
  tick,
} from '../../src/sequences/engine/index.ts';
import type { Db, Store } from '../../src/store/client.ts';
import {
  claimEnrollment,
  releaseEnrollment,
  selectDueEnrollments,
  sweepStaleEnrollmentLocks,
} from '../../src/store/sequences/claims.ts';
import { suppress } from '../../src/store/suppressions.ts';
import { testDatabases } from '../helpers/db.ts';
import { code, createLead, notes, plainRenderer, SENDER, sequenceDef, timing } from './fixtures.ts';

/** Monday 3 March 2025, 10:00 in Berlin: inside the default send window for a German buyer. */
const NOW = new Date('2025-03-03T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Three daily steps; the middle one only for customers of tier A. */
function tieredSequence() {
  const def = sequenceDef('tiered', 3, 1);
  def.steps[1] = { ...def.steps[1]!, condition: { grade: null, tier: ['A'], noReplySinceStep: false } };
  return def;
}

for (const make of testDatabases()) {
  const database = make();
  describe(`sequence store on ${database.name}`, () => {
    let store: Store;
    let db: Db;
    let deps: SchedulerDeps;

    beforeAll(async () => {
      store = await database.open();
      db = store.db;
      await syncSequences(db, [
        sequenceDef('three', 3, 2),
        sequenceDef('other', 2, 1),
        sequenceDef('one', 1),
        tieredSequence(),
        sequenceDef('short-lived', 3, 2, { maxAgeDays: 3 }),
      ]);
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });
    beforeEach(() => {
      deps = { db, worker: 'w-test', render: plainRenderer, senders: () => SENDER, timing: timing() };
    });

    it('syncs definitions once and bumps the version only when a definition changes', async () => {
      const again = await syncSequences(db, [sequenceDef('three', 3, 2)]);
      expect(again.unchanged).toEqual(['three']);
      const changed = await syncSequences(db, [sequenceDef('other', 3, 1)]);
      expect(changed.updated).toEqual(['other']);
      const row = await db.sequence.findUniqueOrThrow({ where: { name: 'other' }, include: { steps: true } });
      expect(row.version).toBe(2);
      expect(row.steps.map((s) => s.position).sort()).toEqual([0, 1, 2]);
      expect(row.steps.find((s) => s.position === 1)?.minDelayMinutes).toBe(24 * 60);
      await syncSequences(db, [sequenceDef('other', 2, 1)]);
      expect(await db.sequenceStep.count({ where: { sequenceId: row.id } })).toBe(2);
    });

    it('refuses a second live enrollment in the same sequence, allows one after the first ended', async () => {
      const lead = await createLead(db);
      const first = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      expect(first.liveKey).toBe(`${lead.id}:${first.sequenceId}`);
      expect(first.nextStepAt?.getTime()).toBe(NOW.getTime());
      const second = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing()).catch(
        (e) => e,
      );
      expect(code(second)).toBe('ALREADY_ENROLLED');
      // Another sequence at the same time is fine.
      await enroll(db, { leadId: lead.id, sequenceName: 'other', now: NOW }, timing());
      await stop(db, first.id, 'manual: wrong lead', NOW);
      const again = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      expect(again.id).not.toBe(first.id);
      const both = await Promise.allSettled([
        enroll(db, { leadId: (await createLead(db)).id, sequenceName: 'one', now: NOW }, timing()),
        enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing()),
      ]);
      expect(both.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    });

    it('refuses to enroll a suppressed, bounced or address-less lead', async () => {
      const suppressed = await createLead(db);
      await suppress(db, suppressed.email!, 'unsubscribe');
      const bounced = await createLead(db);
      await db.lead.update({ where: { id: bounced.id }, data: { undeliverableAt: NOW } });
      const hidden = await db.lead.create({
        data: { email: null, platform: 'alibaba', platformBuyerId: 'x1' },
      });
      for (const lead of [suppressed, bounced, hidden]) {
        const err = await enroll(db, { leadId: lead.id, sequenceName: 'one', now: NOW }).catch((e) => e);
        expect(code(err)).toBe('NOT_MAILABLE');
      }
    });

    it('lets exactly one of two workers claim each due enrollment', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 60; i++) {
        const lead = await createLead(db);
        ids.push((await enroll(db, { leadId: lead.id, sequenceName: 'one', now: NOW }, timing())).id);
      }
      const other = await database.open();
      const staleBefore = new Date(NOW.getTime() - 5 * 60_000);
      const claimAll = async (client: Db, worker: string) => {
        const got: number[] = [];
        for (;;) {
          const due = await selectDueEnrollments(client, NOW, { limit: 7, staleBefore });
          if (due.length === 0) return got;
          for (const d of due)
            if (await claimEnrollment(client, d.id, worker, NOW, staleBefore)) got.push(d.id);
        }
      };
      try {
        const [a, b] = await Promise.all([claimAll(db, 'w1'), claimAll(other.db, 'w2')]);
        const claimed = [...a, ...b];
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(ids.every((id) => claimed.includes(id))).toBe(true);
        const rows = await db.enrollment.findMany({ where: { id: { in: ids } } });
        for (const r of rows) expect(r.lockedBy).toBe(a.includes(r.id) ? 'w1' : 'w2');
        // A head-on race for one row: one winner.
        const target = ids[0]!;
        await releaseEnrollment(db, target, a.includes(target) ? 'w1' : 'w2');
        const race = await Promise.all([
          claimEnrollment(db, target, 'x1', NOW, staleBefore),
          claimEnrollment(other.db, target, 'x2', NOW, staleBefore),
          claimEnrollment(db, target, 'x3', NOW, staleBefore),
        ]);
        expect(race.filter(Boolean)).toHaveLength(1);
        // Stale claims are swept; fresh ones are not.
        expect(await sweepStaleEnrollmentLocks(db, NOW)).toBe(0);
        expect(await sweepStaleEnrollmentLocks(db, new Date(NOW.getTime() + 1))).toBe(claimed.length);
      } finally {
        await other.close();
        await db.enrollment.updateMany({
          where: { id: { in: ids } },
          data: { state: 'stopped', liveKey: null },
        });
      }
    });

    it('records reasons for pause, resume and stop, and refuses illegal moves', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      const paused = await pause(
        db,
        e.id,
        'manual: buyer on a trade fair',
        NOW,
        new Date(NOW.getTime() + DAY),
      );
      expect(paused).toMatchObject({ state: 'paused', stopReason: 'manual: buyer on a trade fair' });
      expect(paused.pausedUntil?.getTime()).toBe(NOW.getTime() + DAY);
      expect(code(await pause(db, e.id, 'again', NOW).catch((x) => x))).toBe('ILLEGAL_TRANSITION');
      const resumed = await resume(db, e.id, 'manual: back', new Date(NOW.getTime() + HOUR));
      expect(resumed).toMatchObject({ state: 'active', stopReason: null, pausedUntil: null });
      const stopped = await stop(db, e.id, 'manual: bought elsewhere', NOW);
      expect(stopped).toMatchObject({
        state: 'stopped',
        stopReason: 'manual: bought elsewhere',
        liveKey: null,
      });
      expect(code(await resume(db, e.id, 'x', NOW).catch((x) => x))).toBe('ILLEGAL_TRANSITION');
      expect(code(await stop(db, e.id, 'x', NOW).catch((x) => x))).toBe('ILLEGAL_TRANSITION');
      expect(await notes(db, lead.id)).toEqual([
        `sequence three: enrolled (enrollment ${e.id})`,
        `sequence three: paused until ${new Date(NOW.getTime() + DAY).toISOString()} (manual: buyer on a trade fair)`,
        'sequence three: resumed (manual: back)',
        'sequence three: stopped (manual: bought elsewhere)',
      ]);
    });

    it('queues each due step once, threaded, and advances the enrollment in the same transaction', async () => {
      const lead = await createLead(db, { name: 'Hans Müller' });
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      const first = await tick(deps, NOW);
      expect(first.outcomes.queued).toBeGreaterThanOrEqual(1);
      const again = await tick(deps, NOW);
      expect(again.outcomes.queued).toBe(0);
      const after1 = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      expect(after1).toMatchObject({ nextPosition: 1, lockedBy: null, state: 'active' });
      // Two days later, inside the window (step delay 2 days, jitter none: min = max).
      const later = after1.nextStepAt!;
      expect(later.getTime()).toBe(NOW.getTime() + 2 * DAY);
      await tick(deps, new Date(later.getTime() - 1000));
      expect(await db.outboundMail.count({ where: { enrollmentId: e.id } })).toBe(1);
      await tick(deps, later);
      const mails = await db.outboundMail.findMany({
        where: { enrollmentId: e.id },
        orderBy: { stepPosition: 'asc' },
      });
      expect(mails.map((m) => m.idempotencyKey)).toEqual([`enrollment:${e.id}:0`, `enrollment:${e.id}:1`]);
      expect(mails[1]!.inReplyTo).toBe(mails[0]!.messageId);
      expect(JSON.parse(mails[1]!.references)).toEqual([mails[0]!.messageId]);
      expect(mails[1]!.subject).toBe(`Re: ${mails[0]!.subject}`);
      expect(Buffer.from(mails[1]!.raw!).toString('latin1')).toContain(`Message-ID: ${mails[1]!.messageId}`);
      await tick(deps, new Date(later.getTime() + 2 * DAY));
      const done = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      expect(done).toMatchObject({
        state: 'completed',
        stopReason: 'last_step',
        liveKey: null,
        nextPosition: 3,
      });
      const third = await db.outboundMail.findFirstOrThrow({
        where: { enrollmentId: e.id, stepPosition: 2 },
      });
      expect(JSON.parse(third.references)).toEqual([mails[0]!.messageId, mails[1]!.messageId]);
    });

    it('skips a step whose condition the lead does not meet and threads the next one to the last mail sent', async () => {
      const company = await db.company.create({
        data: { domain: `tier-a-${process.pid}.example`, tier: 'A' },
      });
      const customer = await createLead(db, { companyId: company.id });
      const prospect = await createLead(db);
      const ec = await enroll(db, { leadId: customer.id, sequenceName: 'tiered', now: NOW }, timing());
      const ep = await enroll(db, { leadId: prospect.id, sequenceName: 'tiered', now: NOW }, timing());
      for (const day of [0, 1, 2]) await tick(deps, new Date(NOW.getTime() + day * DAY));
      const positions = async (id: number) =>
        (
          await db.outboundMail.findMany({ where: { enrollmentId: id }, orderBy: { stepPosition: 'asc' } })
        ).map((m) => m.stepPosition);
      expect(await positions(ec.id)).toEqual([0, 1, 2]);
      expect(await positions(ep.id)).toEqual([0, 2]);
      const [first, third] = await db.outboundMail.findMany({
        where: { enrollmentId: ep.id },
        orderBy: { stepPosition: 'asc' },
      });
      expect(third!.inReplyTo).toBe(first!.messageId);
      expect(await notes(db, prospect.id)).toContain(
        'sequence tiered: step step-1 skipped (condition not met)',
      );
      expect((await db.enrollment.findUniqueOrThrow({ where: { id: ep.id } })).state).toBe('completed');
    });

    it('ends an enrollment at the sequence maximum age instead of planning a step beyond it', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'short-lived', now: NOW }, timing());
      await tick(deps, NOW);
      await tick(deps, new Date(NOW.getTime() + 2 * DAY));
      const row = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      expect(row).toMatchObject({
        state: 'completed',
        stopReason: 'max_age',
        liveKey: null,
        nextStepAt: null,
      });
      expect(await db.outboundMail.count({ where: { enrollmentId: e.id } })).toBe(2);
    });

    it('writes nothing when the enrollment is stopped while its step is being prepared', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'one', now: NOW }, timing());
      const report = await tick(
        {
          ...deps,
          render: async (input) => {
            await onLeadReplied(db, input.lead.id, NOW);
            return plainRenderer(input);
          },
        },
        NOW,
      );
      expect(report.outcomes.conflict).toBe(1);
      expect(await db.outboundMail.count({ where: { enrollmentId: e.id } })).toBe(0);
      const row = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      expect(row).toMatchObject({ state: 'stopped', stopReason: 'replied', lockedBy: null });
    });

    it('stops instead of sending when the address was suppressed after enrollment', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      await suppress(db, lead.email!, 'manual');
      const report = await tick(deps, NOW);
      expect(report.outcomes.stopped).toBeGreaterThanOrEqual(1);
      expect(await db.enrollment.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({
        state: 'stopped',
        stopReason: 'suppressed',
      });
      expect(await db.outboundMail.count({ where: { enrollmentId: e.id } })).toBe(0);
    });

    it('waits for the buyer window instead of sending an overdue step at night', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'one', now: NOW }, timing());
      const night = new Date('2025-03-03T22:30:00Z'); // 23:30 in Berlin
      const report = await tick(deps, night);
      expect(report.outcomes.rescheduled).toBeGreaterThanOrEqual(1);
      const row = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      expect(row.nextStepAt?.toISOString()).toBe('2025-03-04T08:00:00.000Z'); // Tuesday 09:00 Berlin
      expect(await db.outboundMail.count({ where: { enrollmentId: e.id } })).toBe(0);
    });

    it('pauses an enrollment whose step cannot be rendered, with the error as reason', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'one', now: NOW }, timing());
      const { TrademailError } = await import('../../src/errors.ts');
      const report = await tick(
        {
          ...deps,
          render: () => {
            throw new TrademailError('TEMPLATE_MISSING_VARIABLE', '{{lead.name}} is not in the context');
          },
        },
        NOW,
      );
      expect(report.pausedOnError.map((p) => p.enrollmentId)).toContain(e.id);
      const row = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      expect(row.state).toBe('paused');
      expect(row.stopReason).toMatch(/^error TEMPLATE_MISSING_VARIABLE: /);
      expect(row.lockedBy).toBeNull();
    });
  });
}
