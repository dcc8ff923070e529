/**
 * Who owns an inquiry, in the store: assignment rules by region, a team's round robin that
 * carries on across restarts, the same buyer or company staying with its salesperson,
 * absences (a delegate covers new and open inquiries), the shared pool after 30 idle days with
 * a warning three days before, and customers: tiers from config and order data, reorders
 * ranked on top, and the wake-up flag after three silent months.
 */
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { runCustomersJob } from '../../src/sla/customers-job.ts';
import type { SlaJobDeps } from '../../src/sla/escalation-job.ts';
import { smtpTransports } from '../../src/sla/notify/transport.ts';
import { syncSalespeople } from '../../src/sla/people.ts';
import { runPoolJob } from '../../src/sla/pool-job.ts';
import { runAbsenceReassignment } from '../../src/sla/reassign-job.ts';
import type { Store } from '../../src/store/client.ts';
import { loadTemplates } from '../../src/templates/load.ts';
import { testDatabases } from '../helpers/db.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/mailhost/index.ts';
import {
  BOB,
  cn,
  ingest,
  LILY,
  lilyMailbox,
  NINA,
  ourReply,
  peopleWithMailbox,
  sampleRequest,
  slaConfig,
} from './helpers.ts';

const templates = loadTemplates(path.resolve(import.meta.dirname, '../../templates'));
const DAY = 86_400_000;

for (const make of testDatabases()) {
  const database = make();
  describe(`assignment, pool and customers on ${database.name}`, () => {
    let store: Store;
    let sink: SmtpSink;
    let config: Config;
    let n = 0;

    const configWith = (extra: Record<string, unknown> = {}) =>
      slaConfig(database.url, { mailboxes: [lilyMailbox(sink)], salespeople: peopleWithMailbox(), ...extra });
    /** A sample request from a new buyer at `domain` (or `email`), processed at `at`. */
    async function arrive(domainOrEmail: string, at: Date, cfg = config) {
      n++;
      const email = domainOrEmail.includes('@') ? domainOrEmail : `buyer${n}@${domainOrEmail}`;
      await ingest(store.db, cfg, [sampleRequest(`Buyer ${n} <${email}>`, at)], at);
      return store.db.inquiry.findFirstOrThrow({
        where: { lead: { email } },
        orderBy: { id: 'desc' },
        include: {
          owner: { select: { email: true } },
          lead: { include: { owner: { select: { email: true } } } },
        },
      });
    }
    const jobDeps = (cfg: Config): SlaJobDeps => ({
      db: store.db,
      config: cfg,
      log: silentLogger,
      templates,
      transports: smtpTransports,
      worker: 'sla-assign',
    });

    beforeAll(async () => {
      store = await database.open();
      sink = await startSmtpSink();
      config = configWith();
    });
    beforeEach(async () => {
      await store.db.inquiry.updateMany({ where: { status: 'open' }, data: { status: 'closed' } });
    });
    afterAll(async () => {
      await sink?.stop();
      await store?.close();
      await database.drop();
    });

    it('syncs salespeople from the config by email: managers linked, people no longer listed inactive', async () => {
      await store.db.salesperson.create({ data: { email: 'left@brightlux-lighting.com', name: 'Left Us' } });
      expect(await syncSalespeople(store.db, config)).toEqual({ upserted: 4, deactivated: 1 });
      const rows = await store.db.salesperson.findMany({
        orderBy: { email: 'asc' },
        select: {
          email: true,
          role: true,
          timeZone: true,
          active: true,
          manager: { select: { email: true } },
        },
      });
      expect(rows.map((r) => [r.email, r.role, r.timeZone, r.active, r.manager?.email ?? null])).toEqual([
        [BOB, 'salesperson', 'Asia/Shanghai', true, 'david@brightlux-lighting.com'],
        ['david@brightlux-lighting.com', 'manager', 'Asia/Shanghai', true, null],
        ['left@brightlux-lighting.com', 'salesperson', 'Asia/Shanghai', false, null],
        [LILY, 'salesperson', 'Asia/Shanghai', true, 'david@brightlux-lighting.com'],
        [NINA, 'salesperson', 'Europe/Berlin', true, 'david@brightlux-lighting.com'],
      ]);
    });

    it('assigns by region rule, and round-robin in a team, carrying on after a restart', async () => {
      expect((await arrive('leuchten-handel.de', cn('2026-03-09 10:00'))).owner?.email).toBe(NINA);
      expect((await arrive('iluminacao-sp.com.br', cn('2026-03-09 10:00'))).owner?.email).toBe(BOB);
      // No rule for Malaysia: the asia team (Lily, Nina) in turn.
      const owners = [];
      for (const d of ['a-trading.com.my', 'b-trading.com.my', 'c-trading.com.my']) {
        owners.push((await arrive(d, cn('2026-03-09 10:00'))).owner?.email);
      }
      expect(owners).toEqual([LILY, NINA, LILY]);
      expect(await store.db.roundRobin.findMany({ select: { team: true, lastIndex: true } })).toEqual([
        { team: 'asia', lastIndex: 0 },
      ]);
      // A restarted service reads the position back from the store.
      const restarted = configWith();
      expect((await arrive('d-trading.com.my', cn('2026-03-09 11:00'), restarted)).owner?.email).toBe(NINA);
    });

    it('counts an earlier inquiry of the same batch as a repeat', async () => {
      const at = cn('2026-03-11 10:00');
      const buyer = 'Kai Tan <kai@repeat-lamps.com.my>';
      await ingest(store.db, config, [sampleRequest(buyer, at), sampleRequest(buyer, at)], at);
      const both = await store.db.inquiry.findMany({
        where: { lead: { email: 'kai@repeat-lamps.com.my' } },
        orderBy: { id: 'asc' },
      });
      expect(
        both.map((i) => JSON.parse(i.reasons).some((r: string) => r.startsWith('Asked before'))),
      ).toEqual([false, true]);
    });

    it('keeps the same buyer and the same company with their salesperson', async () => {
      const first = await arrive('tom@kl-lampu.com.my', cn('2026-03-10 10:00'));
      const again = await arrive('tom@kl-lampu.com.my', cn('2026-03-10 11:00'));
      const colleague = await arrive('siti@kl-lampu.com.my', cn('2026-03-10 11:30'));
      expect(again.owner?.email).toBe(first.owner?.email);
      expect(colleague.owner?.email).toBe(first.owner?.email);
      expect(again.reasons).toContain('Asked before (1 earlier inquiry): +5');
    });

    it('lets a delegate cover a salesperson who is away, for new and for open inquiries', async () => {
      const open = await arrive('einkauf@leuchten-koeln.de', cn('2026-04-01 10:00'));
      expect(open.owner?.email).toBe(NINA);
      const away = configWith({
        salespeople: peopleWithMailbox().map((p) =>
          p.email === NINA ? { ...p, away: [{ from: '2026-04-06', to: '2026-04-10', delegate: LILY }] } : p,
        ),
      });
      // A new German buyer while Nina is away: the europe rule names her, her delegate covers.
      const fresh = await arrive('einkauf@licht-bremen.de', cn('2026-04-07 10:00'), away);
      expect([fresh.owner?.email, fresh.lead.owner?.email]).toEqual([LILY, LILY]);
      // Nina's existing buyer writes again: Lily answers, Nina keeps the lead.
      const sticky = await arrive('einkauf@leuchten-koeln.de', cn('2026-04-07 10:30'), away);
      expect([sticky.owner?.email, sticky.lead.owner?.email]).toEqual([LILY, NINA]);

      // Her inquiry that was open before she left moves to Lily, with Lily's hours for the deadline.
      const before = await runAbsenceReassignment(store.db, away, cn('2026-04-03 10:00'));
      expect(before.moved).toEqual([]);
      const during = await runAbsenceReassignment(store.db, away, cn('2026-04-06 09:00'));
      expect(during.moved).toEqual([{ inquiryId: open.id, from: NINA, to: LILY }]);
      const moved = await store.db.inquiry.findUniqueOrThrow({ where: { id: open.id } });
      // Lily, from 1 April 10:00: 1.5 h to 11:30, then 0.5 h from 13:30.
      expect(moved.deadlineAt?.toISOString()).toBe(cn('2026-04-01 14:00').toISOString());
      const note = await store.db.activity.findFirstOrThrow({ where: { leadId: open.leadId, type: 'note' } });
      expect(note.summary).toBe(
        `Inquiry #${open.id} reassigned from Nina Weber to Lily Chen: Nina Weber is away until 2026-04-10`,
      );
    });

    it("moves an absent person's open inquiries by the rules when the absence is in the store", async () => {
      const open = await arrive('compras@luminarias-gdl.com.mx', cn('2026-04-13 10:00'));
      expect(open.owner?.email).toBe(BOB);
      await store.db.absence.create({
        data: {
          salespersonId: open.ownerId!,
          startsAt: cn('2026-04-14 00:00'),
          endsAt: cn('2026-04-20 00:00'),
        },
      });
      const report = await runAbsenceReassignment(store.db, config, cn('2026-04-14 09:00'));
      expect(report.moved.map((m) => [m.inquiryId, m.from])).toEqual([[open.id, BOB]]);
      expect([LILY, NINA]).toContain(report.moved[0]?.to);
    });

    it('warns the owner three days before an idle lead returns to the shared pool, once, and returns it at day 30', async () => {
      const assigned = cn('2026-06-01 10:00');
      const lilyOnly = configWith({ assignment: { fallback: { user: LILY } } });
      const inquiry = await arrive('idle@slow-buyer.com.my', assigned, lilyOnly);
      const owner = inquiry.owner!.email;
      expect(owner).toBe(LILY);
      const deps = jobDeps(lilyOnly);
      const at = (days: number, time = '10:00') =>
        cn(`${new Date(assigned.getTime() + days * DAY).toISOString().slice(0, 10)} ${time}`);
      const idle = async (when: Date) =>
        (await runPoolJob(deps, when)).warned.filter((w) => w.leads.includes(inquiry.leadId));
      expect(await idle(at(26))).toEqual([]);
      // Day 27 is Sunday 28 June: outside working hours the warning waits for Monday.
      expect(await idle(at(27))).toEqual([]);
      const before = sink.messages.length;
      const warned = await idle(at(28));
      expect(warned).toEqual([{ owner, leads: [inquiry.leadId], outcome: 'sent' }]);
      await sink.waitFor(before + 1);
      expect(sink.messages.at(-1)!.to).toEqual([owner]);
      expect(sink.messages.at(-1)!.raw.toString()).toContain('idle@slow-buyer.com.my');
      expect(await idle(at(28, '15:00'))).toEqual([]);
      expect(sink.messages.length).toBe(before + 1);

      const returned = await runPoolJob(deps, at(30));
      expect(returned.returned).toContainEqual({ leadId: inquiry.leadId, from: owner });
      const lead = await store.db.lead.findUniqueOrThrow({ where: { id: inquiry.leadId } });
      expect([lead.status, lead.ownerId]).toEqual(['pool', null]);
      // The buyer's next inquiry assigns the lead afresh.
      const next = await arrive('idle@slow-buyer.com.my', at(31));
      expect(next.lead.status).toBe('prospect');
      expect(next.lead.ownerId).not.toBeNull();
    });

    it('restarts the idle count when the owner answers the buyer', async () => {
      const assigned = cn('2026-07-01 10:00');
      const inquiry = await arrive('busy@worked-buyer.com.my', assigned);
      const owner = inquiry.owner!.email;
      await ingest(
        store.db,
        config,
        [ourReply('Owner', owner, 'busy@worked-buyer.com.my', new Date(assigned.getTime() + 20 * DAY))],
        new Date(assigned.getTime() + 20 * DAY),
        'sent',
      );
      const report = await runPoolJob(jobDeps(config), new Date(assigned.getTime() + 31 * DAY));
      expect(report.returned.map((r) => r.leadId)).not.toContain(inquiry.leadId);
      expect(report.warned.flatMap((w) => w.leads)).not.toContain(inquiry.leadId);
    });

    it('grades customers from config and order data, ranks their inquiries as reorders, and flags three silent months', async () => {
      const cfg = configWith({ customers: { accounts: [{ domain: 'lichtwerk-import.de', tier: 'A' }] } });
      const first = await arrive('einkauf@lichtwerk-import.de', cn('2026-01-05 10:00'), cfg);
      expect(first.reasons).toContain('Reorder from an existing customer: +60');
      expect(first.reasons).toContain('Existing customer, tier A: +35');

      // Order data: a buyer with 2+ years of orders and most of the last year's purchases is A.
      const company = await store.db.company.create({
        data: { domain: 'gulf-lamps.ae', name: 'Gulf Lamps' },
      });
      for (const [i, at] of ['2023-06-01', '2024-06-01', '2025-03-01', '2025-11-01'].entries()) {
        await store.db.customerOrder.create({
          data: {
            companyId: company.id,
            reference: `PO-${i}`,
            orderedAt: new Date(`${at}T00:00:00Z`),
            amount: 50_000,
            currency: 'USD',
          },
        });
      }
      const report = await runCustomersJob(store.db, cfg, cn('2026-01-10 10:00'));
      expect(report.graded).toContainEqual({ companyId: company.id, tier: 'A', from: 'orders' });
      const graded = await store.db.company.findUniqueOrThrow({ where: { id: company.id } });
      expect([graded.tier, graded.tierGradedAt?.toISOString()]).toEqual([
        'A',
        cn('2026-01-10 10:00').toISOString(),
      ]);
      const reorder = await arrive('ahmed@gulf-lamps.ae', cn('2026-01-12 10:00'), cfg);
      expect(reorder.priorityTier).toBe('P1');
      expect(JSON.parse(reorder.reasons).slice(0, 3)).toEqual([
        'Asked for samples (grade A): +75',
        'Reorder from an existing customer: +60',
        'Existing customer, tier A: +35',
      ]);

      // Three months without an inquiry: flagged once, with the reason; a new inquiry clears it.
      const lead = first.leadId;
      const quiet = await runCustomersJob(store.db, cfg, cn('2026-04-04 10:00'));
      expect(quiet.flagged.map((f) => f.leadId)).not.toContain(lead);
      const silent = await runCustomersJob(store.db, cfg, cn('2026-04-05 10:00'));
      expect(silent.flagged).toContainEqual({
        leadId: lead,
        reason: 'No inquiry for 3 months (last on 2026-01-05): send a wake-up mail',
      });
      expect(
        (await runCustomersJob(store.db, cfg, cn('2026-04-06 10:00'))).flagged.map((f) => f.leadId),
      ).not.toContain(lead);
      const flagged = await store.db.lead.findUniqueOrThrow({ where: { id: lead } });
      expect([flagged.status, flagged.wakeUpFlaggedAt?.toISOString()]).toEqual([
        'customer',
        cn('2026-04-05 10:00').toISOString(),
      ]);
      await arrive('einkauf@lichtwerk-import.de', cn('2026-04-08 10:00'), cfg);
      const woken = await store.db.lead.findUniqueOrThrow({ where: { id: lead } });
      expect([woken.wakeUpFlaggedAt, woken.wakeUpReason]).toEqual([null, null]);
    });
  });
}
