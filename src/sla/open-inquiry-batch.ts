/**
 * openInquiry for a batch of inquiries whose leads are held in a LeadBook: the same rules
 * (owner by assignLead, a fresh owner takes the lead over, the wake-up flag is cleared, an
 * answer already on record makes the inquiry born answered), with what they read loaded once
 * per batch (absences, round-robin counters, salespeople, earlier answers) and the round-robin
 * counters written back once at the end.
 */
import type { Config } from '../config/schema.ts';
import type { Absence } from '../rank/assign.ts';
import type { LeadState } from '../store/leads/lead-book.ts';
import type { Tx } from '../store/leads/upsert-lead.ts';
import { absencesAt } from './absences.ts';
import { decideOwner, roundRobin, saveRoundRobin } from './assign-owner.ts';
import {
  arrivalOf,
  type InquiryClock,
  inquiryClock,
  type NewInquiry,
  ownerTakeover,
  requirePriority,
  WAKE_UP_DONE,
} from './open-inquiry.ts';
import { salespersonId } from './people.ts';

/** Raised when the batch meets a case it leaves to the per-message path. */
export class BatchFallback extends Error {}

interface Colleague {
  assignedAt: number;
  /** Lead id, or for a lead created by this batch a rank above every stored id. */
  order: number;
  email: string;
}

const NEW_LEAD_ORDER = Number.MAX_SAFE_INTEGER / 2;

function later(a: Colleague | null, b: Colleague | null): Colleague | null {
  if (a === null || b === null) return a ?? b;
  if (a.assignedAt !== b.assignedAt) return a.assignedAt > b.assignedAt ? a : b;
  return a.order > b.order ? a : b;
}

export interface BatchInquiry extends Omit<NewInquiry, 'leadId'> {
  lead: LeadState;
}

/**
 * For each stored company, its owned lead assigned most recently (by assignedAt, then id), as
 * chooseOwner's previousOwner finds it one query per inquiry: here two queries per batch.
 */
async function latestColleagues(tx: Tx, companyIds: number[]): Promise<Map<number, Colleague | null>> {
  const found = new Map<number, Colleague | null>(companyIds.map((id) => [id, null]));
  if (companyIds.length === 0) return found;
  const groups = await tx.lead.groupBy({
    by: ['companyId'],
    where: { companyId: { in: companyIds }, ownerId: { not: null } },
    _max: { assignedAt: true },
    _count: { _all: true, assignedAt: true },
  });
  // Providers sort a missing assignedAt differently; the per-message path decides then.
  if (groups.some((g) => g._count._all !== g._count.assignedAt)) {
    throw new BatchFallback('owned lead without assignedAt');
  }
  if (groups.length === 0) return found;
  const rows = await tx.lead.findMany({
    where: {
      ownerId: { not: null },
      OR: groups.map((g) => ({ companyId: g.companyId, assignedAt: g._max.assignedAt })),
    },
    select: { id: true, companyId: true, assignedAt: true, owner: { select: { email: true } } },
  });
  for (const row of rows) {
    const mine = { assignedAt: row.assignedAt!.getTime(), order: row.id, email: row.owner!.email };
    found.set(row.companyId!, later(found.get(row.companyId!) ?? null, mine));
  }
  return found;
}

/** A stored company by its id, a company new in this batch by its state object. */
function colleagueKey(company: NonNullable<LeadState['company']> | number): number | object {
  return typeof company === 'number' ? company : (company.id ?? company);
}

export class InquiryOpener {
  private readonly people = new Map<string, number>();
  /** Per stored company: its most recently assigned owned lead (undefined: not read yet). */
  private readonly colleagues = new Map<number | object, Colleague | null>();
  private newLeads = 0;
  private readonly dirtyTeams = new Set<string>();

  private constructor(
    private readonly tx: Tx,
    private readonly config: Config,
    private readonly now: Date,
    private readonly absences: readonly Absence[],
    private readonly roundRobin: Record<string, number>,
    /** Earliest-first answer times per lead id and per address. */
    private readonly answers: { byLead: Map<number, Date[]>; byAddress: Map<string, Date[]> },
  ) {}

  static async load(
    tx: Tx,
    config: Config,
    now: Date,
    inquiries: readonly { lead: LeadState; sentAt: Date | null }[],
  ): Promise<InquiryOpener> {
    const since = new Date(Math.min(...inquiries.map((i) => arrivalOf(i.sentAt, now).getTime())));
    const leadIds = [...new Set(inquiries.flatMap((i) => (i.lead.id === null ? [] : [i.lead.id])))];
    const addresses = [...new Set(inquiries.flatMap((i) => (i.lead.email === null ? [] : [i.lead.email])))];
    const [absences, rr, people, logged, sent] = await Promise.all([
      absencesAt(tx, config, now),
      roundRobin(tx),
      tx.salesperson.findMany({
        where: { email: { in: config.salespeople.map((p) => p.email) } },
        select: { id: true, email: true },
      }),
      leadIds.length === 0
        ? []
        : tx.activity.findMany({
            where: { leadId: { in: leadIds }, direction: 'outbound', occurredAt: { gte: since } },
            select: { leadId: true, occurredAt: true },
          }),
      addresses.length === 0
        ? []
        : tx.outboundMail.findMany({
            where: {
              toAddress: { in: addresses },
              state: 'sent',
              sentAt: { gte: since },
              kind: { in: ['sequence', 'manual'] },
            },
            select: { toAddress: true, sentAt: true },
          }),
    ]);
    const group = <K>(rows: { key: K; at: Date | null }[]) => {
      const map = new Map<K, Date[]>();
      for (const { key, at } of rows) if (at !== null) map.set(key, [...(map.get(key) ?? []), at]);
      return map;
    };
    const opener = new InquiryOpener(tx, config, now, absences, rr, {
      byLead: group(logged.map((a) => ({ key: a.leadId, at: a.occurredAt }))),
      byAddress: group(sent.map((m) => ({ key: m.toAddress, at: m.sentAt }))),
    });
    for (const p of people) opener.people.set(p.email, p.id);
    const companyIds = [...new Set(inquiries.flatMap((i) => i.lead.company?.id ?? i.lead.companyId ?? []))];
    for (const [companyId, colleague] of await latestColleagues(tx, companyIds)) {
      opener.colleagues.set(companyId, colleague);
    }
    return opener;
  }

  private async personId(email: string): Promise<number> {
    const known = this.people.get(email);
    if (known !== undefined) return known;
    const id = await salespersonId(this.tx, this.config, email);
    this.people.set(email, id);
    return id;
  }

  private emailOf(id: number): string | null {
    for (const [email, personId] of this.people) if (personId === id) return email;
    return null;
  }

  /** The owner of the buyer, else of the colleague at the same company assigned most recently. */
  private async previousOwner(lead: LeadState): Promise<string | null> {
    if (lead.ownerId !== null) {
      const email = this.emailOf(lead.ownerId);
      if (email !== null) return email;
      const row = await this.tx.salesperson.findUnique({
        where: { id: lead.ownerId },
        select: { email: true },
      });
      return row?.email ?? null;
    }
    const company = lead.company ?? lead.companyId;
    if (company === null) return null;
    return this.colleagueAt(company)?.email ?? null;
  }

  /** Read for every stored company by load(); a company new in this batch has none stored. */
  private colleagueAt(company: NonNullable<LeadState['company']> | number): Colleague | null {
    return this.colleagues.get(colleagueKey(company)) ?? null;
  }

  /** The new inquiry's clock columns; updates the lead (owner, wake-up flag) in memory. */
  async open(inquiry: BatchInquiry, change: (data: Record<string, unknown>) => void): Promise<InquiryClock> {
    const priority = requirePriority(inquiry);
    const { lead } = inquiry;
    const arrivedAt = arrivalOf(inquiry.sentAt, this.now);
    const previous = await this.previousOwner(lead);
    const choice = decideOwner(
      this.config,
      previous,
      {
        country: inquiry.country,
        products: inquiry.products,
        kind: inquiry.kind,
        platform: inquiry.platform,
      },
      this.now,
      this.absences,
      this.roundRobin,
    );
    if (choice.assignment.roundRobin !== null) {
      this.roundRobin[choice.assignment.roundRobin.team] = choice.assignment.roundRobin.lastIndex;
      this.dirtyTeams.add(choice.assignment.roundRobin.team);
    }
    const ownerId = choice.ownerEmail === null ? null : await this.personId(choice.ownerEmail);
    if (lead.ownerId === null && choice.leadOwnerEmail !== null) {
      const takeover = ownerTakeover(await this.personId(choice.leadOwnerEmail), lead.status, this.now);
      Object.assign(lead, takeover);
      change(takeover);
      const company = lead.company ?? lead.companyId;
      if (company !== null) {
        const mine = {
          assignedAt: this.now.getTime(),
          order: lead.id ?? NEW_LEAD_ORDER + this.newLeads++,
          email: choice.leadOwnerEmail,
        };
        this.colleagues.set(colleagueKey(company), later(this.colleagueAt(company), mine));
      }
    }
    if (lead.wakeUpFlaggedAt !== null) {
      lead.wakeUpFlaggedAt = null;
      change(WAKE_UP_DONE);
    }
    return inquiryClock(
      this.config,
      priority,
      arrivedAt,
      choice.ownerEmail,
      ownerId,
      this.answeredSince(lead, arrivedAt),
    );
  }

  private answeredSince(lead: LeadState, since: Date): Date | null {
    const times = [
      ...(lead.id === null ? [] : (this.answers.byLead.get(lead.id) ?? [])),
      ...(lead.email === null ? [] : (this.answers.byAddress.get(lead.email) ?? [])),
    ].filter((d) => d.getTime() >= since.getTime());
    return times.length === 0 ? null : new Date(Math.min(...times.map((d) => d.getTime())));
  }

  /** Writes the round-robin counters this batch moved. */
  async flush(): Promise<void> {
    for (const team of this.dirtyTeams) await saveRoundRobin(this.tx, team, this.roundRobin[team]!);
  }
}
