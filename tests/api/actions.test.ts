/**
 * Changes over the API on both databases: enrollment moves go through the sequence engine and
 * change the enrollment, every mutating call leaves one audit row (also when refused), the
 * read-only role and other salespeople cannot change anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/db.ts';
import { type Harness, startHarness } from './harness.ts';
import { NOW } from './seed.ts';

for (const make of testDatabases()) {
  const database = make();
  describe(`API actions on ${database.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(database);
    });
    afterAll(async () => {
      await h?.close();
    });

    const auditRows = () => h.store.db.auditLog.findMany({ orderBy: { id: 'asc' } });

    it('stops an enrollment: the state changes, queued mails are cancelled, the timeline notes it, the audit has a row', async () => {
      const id = h.seeded.enrollments.sara;
      const queued = await h.store.db.outboundMail.create({
        data: {
          idempotencyKey: `enrollment:${id}:1`,
          enrollmentId: id,
          stepPosition: 1,
          leadId: h.seeded.leads.sara,
          kind: 'sequence',
          mailboxName: 'inquiries',
          fromAddress: 'sales@brightlux-lighting.com',
          toAddress: 'sara@lumen-importa.com.br',
          subject: 'Did you receive our mail?',
          messageId: '<queued-step@brightlux-lighting.com>',
          state: 'queued',
        },
      });
      const before = (await auditRows()).length;
      const r = await h.call('lily', 'POST', `/api/enrollments/${id}/stop`, {
        reason: 'buyer called: not interested',
      });
      expect(r.status).toBe(200);
      expect(r.json.enrollment).toMatchObject({
        id,
        state: 'stopped',
        stopReason: 'buyer called: not interested',
      });
      const row = await h.store.db.enrollment.findUniqueOrThrow({ where: { id } });
      expect(row.state).toBe('stopped');
      expect(row.liveKey).toBeNull();
      expect(row.stateEnteredAt.toISOString()).toBe(NOW.toISOString());
      expect((await h.store.db.outboundMail.findUniqueOrThrow({ where: { id: queued.id } })).state).toBe(
        'failed',
      );
      const note = await h.store.db.activity.findFirst({
        where: { leadId: h.seeded.leads.sara, type: 'note' },
      });
      expect(note?.summary).toContain('stopped (buyer called: not interested)');
      const audit = (await auditRows()).slice(before);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: 'lily@brightlux-lighting.com',
        action: 'enrollment.stop',
        target: `enrollment:${id}`,
      });
      expect(audit[0]!.at.toISOString()).toBe(NOW.toISOString());
      expect(JSON.parse(audit[0]!.details!)).toEqual({
        status: 200,
        params: { id },
        body: { reason: 'buyer called: not interested' },
      });
      // Stopping twice is an illegal move: 409, and it is audited with its error code.
      const again = await h.call('lily', 'POST', `/api/enrollments/${id}/stop`, {});
      expect(again.status).toBe(409);
      expect(again.json.error.code).toBe('ILLEGAL_TRANSITION');
      const last = (await auditRows()).at(-1)!;
      expect(JSON.parse(last.details!)).toMatchObject({ status: 409, error: 'ILLEGAL_TRANSITION' });
    });

    it('pauses and resumes through the engine, each audited', async () => {
      const id = h.seeded.enrollments.hans;
      const paused = await h.call('mia', 'POST', `/api/enrollments/${id}/pause`, {
        until: '2025-03-20T00:00:00Z',
      });
      expect(paused.status).toBe(200);
      expect(paused.json.enrollment).toMatchObject({
        state: 'paused',
        pausedUntil: '2025-03-20T00:00:00.000Z',
      });
      expect((await h.call('mia', 'POST', `/api/enrollments/${id}/pause`, {})).status).toBe(409);
      const resumed = await h.call('mia', 'POST', `/api/enrollments/${id}/resume`, {});
      expect(resumed.json.enrollment.state).toBe('active');
      const actions = (await auditRows()).filter((a) => a.target === `enrollment:${id}`).map((a) => a.action);
      expect(actions).toEqual(['enrollment.pause', 'enrollment.pause', 'enrollment.resume']);
    });

    it('enrolls a lead (201), refuses a second live enrollment (409) and an unknown sequence (404)', async () => {
      const leadId = h.seeded.leads.eva;
      const r = await h.call('lily', 'POST', '/api/enrollments', { leadId, sequence: 'prospecting' });
      expect(r.status).toBe(201);
      expect(r.json.enrollment).toMatchObject({ leadId, state: 'active', sequence: { name: 'prospecting' } });
      expect(await h.store.db.enrollment.count({ where: { leadId, state: 'active' } })).toBe(1);
      const twice = await h.call('lily', 'POST', '/api/enrollments', { leadId, sequence: 'prospecting' });
      expect(twice.status).toBe(409);
      expect(twice.json.error.code).toBe('ALREADY_ENROLLED');
      const unknown = await h.call('lily', 'POST', '/api/enrollments', {
        leadId,
        sequence: 'no-such-sequence',
      });
      expect(unknown.status).toBe(404);
      const bounced = await h.call('tom', 'POST', '/api/enrollments', {
        leadId: h.seeded.leads.lina,
        sequence: 'prospecting',
      });
      expect(bounced.status).toBe(422);
      expect(bounced.json.error.code).toBe('NOT_MAILABLE');
      const audit = (await auditRows()).filter((a) => a.action === 'enrollment.enroll');
      expect(audit.map((a) => [a.target, JSON.parse(a.details!).status])).toEqual([
        [`lead:${leadId}`, 201],
        [`lead:${leadId}`, 409],
        [`lead:${leadId}`, 404],
        [`lead:${h.seeded.leads.lina}`, 422],
      ]);
    });

    it("refuses changes by the read-only role (403) and to another salesperson's enrollments (404), unchanged", async () => {
      const hans = h.seeded.enrollments.hans;
      const ro = await h.call('rita', 'POST', `/api/enrollments/${hans}/stop`, {});
      expect(ro.status).toBe(403);
      expect(ro.json.error.code).toBe('FORBIDDEN');
      const other = await h.call('tom', 'POST', `/api/enrollments/${hans}/stop`, {});
      expect(other.status).toBe(404);
      expect(
        (
          await h.call('tom', 'POST', '/api/enrollments', {
            leadId: h.seeded.leads.peter,
            sequence: 'prospecting',
          })
        ).status,
      ).toBe(404);
      expect((await h.call('rita', 'POST', '/api/quarantine/reprocess', {})).status).toBe(403);
      expect((await h.store.db.enrollment.findUniqueOrThrow({ where: { id: hans } })).state).toBe('active');
      const refused = (await auditRows()).filter(
        (a) => a.actor !== 'mia@brightlux-lighting.com' && a.actor !== 'lily@brightlux-lighting.com',
      );
      expect(refused.map((a) => [a.actor, a.action, JSON.parse(a.details!).status])).toEqual([
        ['tom@brightlux-lighting.com', 'enrollment.enroll', 422],
        ['rita@brightlux-lighting.com', 'enrollment.stop', 403],
        ['tom@brightlux-lighting.com', 'enrollment.stop', 404],
        ['tom@brightlux-lighting.com', 'enrollment.enroll', 404],
        ['rita@brightlux-lighting.com', 'quarantine.reprocess', 403],
      ]);
    });

    it('reprocesses the quarantine for a manager, audited; reads write no audit rows', async () => {
      const before = (await auditRows()).length;
      await h.call('mia', 'GET', '/api/leads');
      await h.call('mia', 'GET', '/api/quarantine');
      expect((await auditRows()).length).toBe(before);
      const r = await h.call('mia', 'POST', '/api/quarantine/reprocess', {});
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ processed: 0, quarantined: 0, alreadyProcessed: 0 });
      expect((await auditRows()).at(-1)).toMatchObject({
        action: 'quarantine.reprocess',
        target: 'quarantine:all',
      });
      const list = await h.call('mia', 'GET', '/api/audit?action=quarantine.reprocess');
      expect(list.json.items[0]).toMatchObject({
        actor: 'mia@brightlux-lighting.com',
        details: { status: 200 },
      });
    });

    it("previews a template with the lead's data", async () => {
      const r = await h.call(
        'lily',
        'GET',
        `/api/templates/prospecting-first/preview?leadId=${h.seeded.leads.hans}`,
      );
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({
        template: 'prospecting-first',
        lang: 'en',
        subject: 'LED panel light for Acme Licht GmbH',
      });
      expect(r.json.text).toMatch(/^Dear Hans Müller,\n/);
      expect(r.json.text).toContain('Lily Wang');
      const internal = await h.call(
        'lily',
        'GET',
        `/api/templates/sla-reminder/preview?leadId=${h.seeded.leads.sara}`,
      );
      expect(internal.json.text).toContain('Cotização: LED high bay 150W');
      const noInquiry = await h.call(
        'lily',
        'GET',
        `/api/templates/sla-reminder/preview?leadId=${h.seeded.leads.eva}`,
      );
      expect(noInquiry.status).toBe(422);
      expect((await h.call('lily', 'GET', '/api/templates/nope/preview?leadId=1')).status).toBe(404);
      const list = await h.call('lily', 'GET', '/api/templates');
      expect(list.json.templates.map((t: { name: string }) => t.name)).toContain('weekly-report');
    });
  });
}
