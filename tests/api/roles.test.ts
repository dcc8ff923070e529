/**
 * Roles over the API on both databases: a salesperson sees and acts on their own leads only
 * (another's is 404, like a missing id), a manager on all, the read-only role changes nothing.
 * Tokens: missing, unknown and revoked ones are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeToken } from '../../src/api/auth/tokens.ts';
import { testDatabases } from '../helpers/db.ts';
import { type Harness, startHarness } from './harness.ts';
import { NOW } from './seed.ts';

for (const make of testDatabases()) {
  const database = make();
  describe(`API roles on ${database.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(database);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('refuses calls without a valid token with 401 and a JSON error', async () => {
      const none = await h.call(null, 'GET', '/api/leads');
      expect(none.status).toBe(401);
      expect(none.json).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
      const bad = await h.app.inject({
        url: '/api/leads',
        headers: { authorization: 'Bearer tm_not-a-token' },
      });
      expect(bad.statusCode).toBe(401);
      const basic = await h.app.inject({ url: '/api/leads', headers: { authorization: 'Basic abc' } });
      expect(basic.statusCode).toBe(401);
      expect((await h.call(null, 'GET', '/api/health')).json).toEqual({ ok: true });
      expect((await h.call(null, 'GET', '/api/openapi.json')).status).toBe(200);
    });

    it('stores only the hash of a token, and a revoked token stops working', async () => {
      const stored = await h.store.db.apiToken.findMany();
      expect(stored.length).toBe(4);
      for (const t of Object.values(h.tokens)) {
        expect(stored.some((s) => s.tokenHash === t)).toBe(false);
        expect(JSON.stringify(stored)).not.toContain(t);
      }
      expect((await h.call('tom', 'GET', '/api/me')).json.user.email).toBe('tom@brightlux-lighting.com');
      const tomToken = await h.store.db.apiToken.findFirstOrThrow({
        where: { salesperson: { email: 'tom@brightlux-lighting.com' } },
      });
      await revokeToken(h.store.db, tomToken.id, NOW);
      expect((await h.call('tom', 'GET', '/api/me')).status).toBe(401);
      await h.store.db.apiToken.update({ where: { id: tomToken.id }, data: { revokedAt: null } });
      expect((await h.call('tom', 'GET', '/api/me')).status).toBe(200);
    });

    it("lists only a salesperson's own leads; a manager and the read-only role see all", async () => {
      const { leads } = h.seeded;
      const ids = async (who: 'lily' | 'tom' | 'mia' | 'rita') =>
        ((await h.call(who, 'GET', '/api/leads?limit=100')).json.items as Array<{ id: number }>)
          .map((l) => l.id)
          .sort((a, b) => a - b);
      expect(await ids('lily')).toEqual(
        [leads.hans, leads.eva, leads.sara, leads.peter].sort((a, b) => a - b),
      );
      expect(await ids('tom')).toEqual([leads.omar, leads.lina, leads.anna].sort((a, b) => a - b));
      expect((await ids('mia')).length).toBe(7);
      expect((await ids('rita')).length).toBe(7);
      const filtered = await h.call('mia', 'GET', '/api/leads?ownerId=' + h.seeded.people.tom + '&grade=B');
      expect(filtered.json.items.map((l: { id: number }) => l.id)).toEqual([leads.anna]);
      // A salesperson cannot widen their scope with a filter.
      const widened = await h.call('lily', 'GET', `/api/leads?ownerId=${h.seeded.people.tom}`);
      expect(widened.json).toEqual({ items: [], total: 0 });
    });

    it("answers 404 for another salesperson's lead, exactly as for an id that does not exist", async () => {
      const other = await h.call('lily', 'GET', `/api/leads/${h.seeded.leads.omar}`);
      const missing = await h.call('lily', 'GET', '/api/leads/999999');
      expect(other.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(other.json.error.code).toBe('NOT_FOUND');
      expect(other.json.error.message.replace(/\d+/, 'N')).toBe(
        missing.json.error.message.replace(/\d+/, 'N'),
      );
      expect((await h.call('tom', 'GET', `/api/leads/${h.seeded.leads.omar}`)).status).toBe(200);
      expect((await h.call('mia', 'GET', `/api/leads/${h.seeded.leads.omar}`)).status).toBe(200);
      // Everything hanging off the lead is hidden the same way.
      expect((await h.call('lily', 'GET', `/api/inquiries/${h.seeded.inquiries.omar}`)).status).toBe(404);
      expect((await h.call('lily', 'GET', `/api/enrollments/${h.seeded.enrollments.lina}`)).status).toBe(404);
      expect((await h.call('tom', 'GET', `/api/messages/${h.seeded.messages.hansInquiry}`)).status).toBe(404);
      expect(
        (
          await h.call(
            'lily',
            'GET',
            `/api/templates/prospecting-first/preview?leadId=${h.seeded.leads.anna}`,
          )
        ).status,
      ).toBe(404);
      const acts = await h.call('lily', 'GET', `/api/activities?leadId=${h.seeded.leads.omar}`);
      expect(acts.json).toEqual({ items: [], total: 0 });
    });

    it('shows a lead with its extracted fields, inquiries, enrollments and timeline', async () => {
      const r = await h.call('lily', 'GET', `/api/leads/${h.seeded.leads.hans}`);
      expect(r.status).toBe(200);
      expect(r.json.lead).toMatchObject({
        name: 'Hans Müller',
        grade: 'A',
        company: { name: 'Acme Licht GmbH' },
      });
      expect(r.json.fields.latestInquiry).toMatchObject({
        products: ['LED panel light'],
        quantity: 2000,
        sampleRequest: true,
      });
      expect(r.json.inquiries.map((i: { id: number }) => i.id)).toEqual([h.seeded.inquiries.hans]);
      expect(r.json.enrollments[0]).toMatchObject({
        sequence: { name: 'quotation-followup' },
        state: 'active',
      });
      expect(r.json.timeline.map((a: { type: string }) => a.type)).toEqual([
        'reply',
        'outbound',
        'bcc_outbound',
        'inquiry',
      ]);
      const message = await h.call('lily', 'GET', `/api/messages/${h.seeded.messages.hansInquiry}`);
      expect(message.json.message.text).toContain('would like 3 samples first');
      expect(message.json.message.from).toEqual({
        address: 'hans.mueller@acme-licht.de',
        name: 'Hans Müller',
      });
    });

    it('shows one outbound mail, its outbox state and the mail as submitted, to whoever may see its lead', async () => {
      const { hansStep } = h.seeded.outbound;
      const r = await h.call('lily', 'GET', `/api/outbound/${hansStep}`);
      expect(r.status).toBe(200);
      expect(r.json.outbound).toMatchObject({
        id: hansStep,
        kind: 'sequence',
        state: 'sent',
        stepPosition: 0,
        toAddress: 'hans.mueller@acme-licht.de',
        subject: 'Following up on quotation Q-2025-031',
        references: [],
        sentAt: '2025-03-05T02:00:00.000Z',
      });
      expect(r.json.outbound.text).toContain('Following up on quotation Q-2025-031.');
      expect((await h.call('tom', 'GET', `/api/outbound/${hansStep}`)).status).toBe(404);
      expect((await h.call('mia', 'GET', `/api/outbound/${hansStep}`)).status).toBe(200);
      expect((await h.call('mia', 'GET', '/api/outbound/999999')).status).toBe(404);
    });

    it('orders the queue by deadline, then score, with time left and reasons', async () => {
      const { inquiries } = h.seeded;
      const queue = await h.call('mia', 'GET', '/api/inquiries');
      expect(queue.json.now).toBe(NOW.toISOString());
      expect(queue.json.items.map((i: { id: number }) => i.id)).toEqual([
        inquiries.peter,
        inquiries.anna,
        inquiries.sara,
      ]);
      const [peter, anna, sara] = queue.json.items;
      expect(peter).toMatchObject({
        deadlineEstimated: true,
        deadlineAt: '2025-02-26T00:00:00.000Z',
        slaState: 'breached',
      });
      expect(anna.deadlineAt).toBe(sara.deadlineAt);
      expect(anna.score).toBeGreaterThan(sara.score);
      expect(sara.msLeft).toBe(new Date('2025-03-07T01:00:00Z').getTime() - NOW.getTime());
      // Counted in the owner's working hours: less is overdue than on the wall clock.
      expect(sara.workingMsLeft).toBeLessThan(0);
      expect(sara.workingMsLeft).toBeGreaterThan(sara.msLeft);
      expect(peter.workingMsLeft).toBeNull();
      expect(anna.reasons).toEqual(['Project quantity', 'Company email domain (nordic-light.se)']);
      expect(anna.explain).toBe('P2 75 (24 h) · Project quantity · Company email domain (nordic-light.se)');
      const lilyQueue = await h.call('lily', 'GET', '/api/inquiries');
      expect(lilyQueue.json.items.map((i: { id: number }) => i.id)).toEqual([
        inquiries.peter,
        inquiries.sara,
      ]);
      const all = await h.call('lily', 'GET', '/api/inquiries?status=all');
      expect(all.json.total).toBe(3);
    });

    it('keeps mailboxes, quarantine and the audit log from salespeople (403)', async () => {
      for (const url of ['/api/mailboxes', '/api/quarantine', '/api/audit']) {
        const r = await h.call('lily', 'GET', url);
        expect(r.status, url).toBe(403);
        expect(r.json.error.code).toBe('FORBIDDEN');
      }
      const boxes = await h.call('mia', 'GET', '/api/mailboxes');
      expect(boxes.json.mailboxes).toEqual([
        expect.objectContaining({
          name: 'inquiries',
          role: 'inquiries',
          configured: true,
          lastSyncAt: null,
          folders: [],
        }),
      ]);
      expect((await h.call('rita', 'GET', '/api/mailboxes')).status).toBe(200);
      expect((await h.call('rita', 'GET', '/api/audit')).status).toBe(200);
      expect(
        (await h.call('lily', 'GET', '/api/reports/weekly?user=tom@brightlux-lighting.com')).status,
      ).toBe(403);
    });

    it('validates parameters and bodies with 400 BAD_REQUEST, and unknown routes with 404', async () => {
      for (const url of [
        '/api/leads?limit=0',
        '/api/leads?grade=E',
        '/api/leads/abc',
        '/api/inquiries?status=late',
      ]) {
        const r = await h.call('mia', 'GET', url);
        expect(r.status, url).toBe(400);
        expect(r.json.error.code).toBe('BAD_REQUEST');
      }
      const body = await h.call('mia', 'POST', '/api/enrollments', { leadId: 'x', sequence: 'prospecting' });
      expect(body.status).toBe(400);
      for (const who of ['mia', null] as const) {
        const unknown = await h.call(who, 'GET', '/api/nothing-here');
        expect(unknown.status).toBe(404);
        expect(unknown.json.error.code).toBe('NOT_FOUND');
      }
    });
  });
}
