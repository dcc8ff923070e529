/**
 * The read-only role sees everything a manager sees but no contact details: every answer of
 * every GET route is scanned for email addresses, phone numbers and the buyers' names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_MARK, redactContactDetails } from '../../src/api/redact.ts';
import { testDatabases } from '../helpers/db.ts';
import { type Harness, startHarness } from './harness.ts';
import { BUYERS, PEOPLE } from './seed.ts';

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const E164ISH = /\+\d[\d\s().-]{6,}\d/;

function leaks(body: string): string[] {
  const found: string[] = [];
  const email = EMAIL.exec(body);
  if (email) found.push(`email ${email[0]}`);
  const phone = E164ISH.exec(body);
  if (phone) found.push(`phone ${phone[0]}`);
  for (const b of Object.values(BUYERS)) {
    for (const needle of [b.name, b.email, b.phone, b.phone.replace(/\D/g, ''), b.email.split('@')[0]!]) {
      if (body.toLowerCase().includes(needle.toLowerCase())) found.push(`buyer ${needle}`);
    }
  }
  for (const p of Object.values(PEOPLE)) if (body.includes(p.email)) found.push(`staff ${p.email}`);
  return found;
}

describe.each(testDatabases())('the read-only role (%o)', (make) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(make());
  });
  afterAll(async () => {
    await h?.close();
  });

  function routes(): string[] {
    const { leads, inquiries, enrollments, outbound } = h.seeded;
    return [
      '/api/me',
      '/api/leads?limit=500',
      ...Object.values(leads).map((id) => `/api/leads/${id}`),
      '/api/inquiries?status=all&limit=500',
      ...Object.values(inquiries).map((id) => `/api/inquiries/${id}`),
      '/api/activities?limit=500',
      '/api/enrollments?limit=500',
      ...Object.values(enrollments).map((id) => `/api/enrollments/${id}`),
      ...Object.values(outbound).map((id) => `/api/outbound/${id}`),
      '/api/sequences',
      '/api/templates',
      ...Object.values(leads).map((id) => `/api/templates/prospecting-first/preview?leadId=${id}`),
      `/api/templates/sla-reminder/preview?leadId=${leads.sara}`,
      '/api/mailboxes',
      '/api/quarantine?all=true',
      '/api/audit?limit=500',
      '/api/reports/charts?from=2025-03-01T00:00:00Z&to=2025-03-11T00:00:00Z',
      ...Object.values(PEOPLE).flatMap((p) =>
        ['json', 'md', 'html'].map(
          (f) => `/api/reports/weekly?user=${encodeURIComponent(p.email)}&format=${f}`,
        ),
      ),
    ];
  }

  it('gets the same routes as a manager, and no email address, phone number or buyer name in any answer', async () => {
    const messages = await h.store.db.message.findMany({ select: { id: true } });
    const urls = [...routes(), ...messages.map((m) => `/api/messages/${m.id}`)];
    expect(urls.length).toBeGreaterThan(40);
    for (const url of urls) {
      const manager = await h.call('mia', 'GET', url);
      const readonly = await h.call('rita', 'GET', url);
      expect(readonly.status, url).toBe(manager.status);
      expect(manager.status, url).toBe(200);
      // The manager's answer has the details: the scan would see them.
      expect(leaks(readonly.body), url).toEqual([]);
    }
    const managerLead = await h.call('mia', 'GET', `/api/leads/${h.seeded.leads.hans}`);
    expect(leaks(managerLead.body).length).toBeGreaterThan(0);
  });

  it('keeps what is not a contact detail: companies, countries, grades, products, staff names', async () => {
    const lead = await h.call('rita', 'GET', `/api/leads/${h.seeded.leads.hans}`);
    expect(lead.json.lead).toMatchObject({
      name: null,
      email: null,
      phone: null,
      country: 'DE',
      grade: 'A',
      company: { name: 'Acme Licht GmbH' },
      owner: { name: 'Lily Wang', email: null },
    });
    expect(lead.json.inquiries[0].products).toEqual(['LED panel light']);
    const message = await h.call('rita', 'GET', `/api/messages/${h.seeded.messages.hansInquiry}`);
    expect(message.json.message).toMatchObject({
      subject: 'Inquiry: LED panel light 600x600 samples',
      text: null,
      html: null,
      from: null,
    });
    const report = await h.call(
      'rita',
      'GET',
      `/api/reports/weekly?user=${encodeURIComponent(PEOPLE.lily.email)}`,
    );
    expect(report.json.keyProspects[0]).toMatchObject({
      company: 'Acme Licht GmbH',
      contact: null,
      email: null,
      phone: null,
      status: 'replied',
    });
  });

  it('scrubs addresses, phone numbers and the names in the answer from free text', () => {
    const out = redactContactDetails({
      lead: { name: 'Hans Müller', email: 'hans@acme.de' },
      summary: 'Call from Hans Müller (+49 40 1234567, hans@acme.de) about order SO-2025-118 on 2025-03-04',
      at: '2025-03-04T02:00:00.000Z',
      company: { name: 'Acme Licht GmbH' },
      quantity: '20000000',
    });
    expect(out).toEqual({
      lead: { name: null, email: null },
      summary: `Call from [name] ([phone], ${EMAIL_MARK}) about order SO-2025-118 on 2025-03-04`,
      at: '2025-03-04T02:00:00.000Z',
      company: { name: 'Acme Licht GmbH' },
      quantity: '20000000',
    });
  });

  it("keeps a company's or a colleague's name whole when it shares a word with a buyer's name", () => {
    const out = redactContactDetails({
      lead: { name: 'Wei Zhang', email: 'wei@zhangsolar.cn' },
      company: { name: 'Zhang Solar Co., Ltd. (tel +86 571 8765 4321)' },
      owner: { name: 'Wei Chen' },
      subject: 'Quote for Wei Zhang of Zhang Solar',
    });
    expect(out).toEqual({
      lead: { name: null, email: null },
      // Contact details are still scrubbed from a public name; the buyer's names are not.
      company: { name: 'Zhang Solar Co., Ltd. (tel [phone])' },
      owner: { name: 'Wei Chen' },
      // Free text still loses the buyer's names wherever they appear.
      subject: 'Quote for [name] of [name] Solar',
    });
  });

  it('refuses to change anything', async () => {
    const r = await h.call('rita', 'POST', `/api/enrollments/${h.seeded.enrollments.sara}/pause`, {});
    // The refusal is in the audit log, which the role reads without the addresses in it.
    const audit = await h.call('rita', 'GET', '/api/audit');
    expect(audit.json.items[0]).toMatchObject({
      actor: '[email]',
      action: 'enrollment.pause',
      details: { status: 403 },
    });
    expect(r.status).toBe(403);
    expect(r.body).not.toMatch(EMAIL);
    // Error messages are redacted too.
    const missing = await h.call('rita', 'GET', '/api/reports/weekly?user=nobody%40example.com');
    expect(missing.status).toBe(404);
    expect(missing.json.error.message).toBe(
      '[email] is not a salesperson; add it under salespeople in the config',
    );
  });
});
