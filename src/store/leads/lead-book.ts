/**
 * The batch store's working set of leads and companies. It applies upsertLead's rules (key on
 * the real buyer, fill gaps, never overwrite with blanks) to rows held in memory, so a batch
 * of a hundred mails costs a few set-based queries instead of five per mail: one read of the
 * leads and companies the batch names, then at flush one multi-row insert per table for the
 * new rows and one update per existing row that changed. New rows are created in the order they
 * were first seen, so their ids come out as the per-message path would give them.
 */
import { insertRowsReturning, type Row } from '../bulk-insert.ts';
import type { Tx } from './upsert-lead.ts';
import {
  buyerEmail,
  companyDomainOf,
  companyGaps,
  type LeadInput,
  leadFields,
  leadGaps,
  newCompany,
  newLead,
} from './upsert-lead.ts';

export interface CompanyState {
  domain: string;
  id: number | null;
  name: string | null;
  country: string | null;
  website: string | null;
  /** For a company already stored: the columns this batch filled. */
  changes: Record<string, unknown>;
  create: ReturnType<typeof newCompany> | null;
}

export interface LeadState {
  key: string;
  id: number | null;
  email: string | null;
  companyId: number | null;
  company: CompanyState | null;
  ownerId: number | null;
  assignedAt: Date | null;
  status: string;
  wakeUpFlaggedAt: Date | null;
  /** Column values as they stand after this batch (gap checks read them). */
  values: Record<string, unknown>;
  /** For a lead already stored: the columns this batch changed. */
  changes: Record<string, unknown>;
  /** For a new lead: its create data, completed as the batch goes on. */
  create: Record<string, unknown> | null;
}

const LEAD_SELECT = {
  id: true,
  email: true,
  platform: true,
  platformBuyerId: true,
  name: true,
  title: true,
  phone: true,
  country: true,
  website: true,
  language: true,
  companyId: true,
  ownerId: true,
  assignedAt: true,
  status: true,
  wakeUpFlaggedAt: true,
} as const;

/**
 * The columns a new lead's row may get from the batch after its creation data (owner, wake-up,
 * last inquiry), at their defaults, so every row of the insert names the same columns.
 */
const NEW_LEAD_DEFAULTS = {
  ownerId: null,
  assignedAt: null,
  status: 'prospect',
  lastInquiryAt: null,
  wakeUpFlaggedAt: null,
  wakeUpReason: null,
};

type LeadKeyColumns = { platform: string | null; platformBuyerId: string | null };

function keyOf(email: string | null, platform: string | null, buyerId: string | null): string | null {
  if (email) return `e:${email}`;
  return platform && buyerId ? `p:${platform}\n${buyerId}` : null;
}

export class LeadBook {
  private readonly leads = new Map<string, LeadState>();
  private readonly companies = new Map<string, CompanyState>();

  private constructor(private readonly tx: Tx) {}

  /** Reads every lead and company the inputs name, in two queries. */
  static async load(tx: Tx, inputs: readonly LeadInput[]): Promise<LeadBook> {
    const book = new LeadBook(tx);
    const emails = new Set<string>();
    const pairs: { platform: string; platformBuyerId: string }[] = [];
    const domains = new Set<string>();
    for (const input of inputs) {
      const email = buyerEmail(input);
      if (email) emails.add(email);
      else if (input.platform && input.platformBuyerId)
        pairs.push({ platform: input.platform, platformBuyerId: input.platformBuyerId });
      const domain = companyDomainOf(email);
      if (domain) domains.add(domain);
    }
    const [leads, companies] = await Promise.all([
      emails.size + pairs.length === 0
        ? []
        : tx.lead.findMany({
            where: { OR: [...(emails.size ? [{ email: { in: [...emails] } }] : []), ...pairs] },
            select: LEAD_SELECT,
          }),
      domains.size === 0 ? [] : tx.company.findMany({ where: { domain: { in: [...domains] } } }),
    ]);
    for (const c of companies) {
      book.companies.set(c.domain!, { ...c, domain: c.domain!, changes: {}, create: null });
    }
    for (const l of leads) {
      // A lead found by email is keyed by email even if it also has a platform id.
      const key = keyOf(l.email, l.platform, l.platformBuyerId)!;
      const { id, ownerId, assignedAt, status, wakeUpFlaggedAt, companyId, email, ...rest } = l;
      book.leads.set(key, {
        key,
        id,
        email,
        companyId,
        company: null,
        ownerId,
        assignedAt,
        status,
        wakeUpFlaggedAt,
        values: { ...rest, companyId },
        changes: {},
        create: null,
      });
    }
    return book;
  }

  private company(input: LeadInput, email: string | null): CompanyState | null {
    const domain = companyDomainOf(email);
    if (domain === null) return null;
    const buyer = { ...input.buyer, email };
    const known = this.companies.get(domain);
    if (known === undefined) {
      const create = newCompany(domain, buyer);
      const state: CompanyState = { ...create, id: null, changes: {}, create };
      this.companies.set(domain, state);
      return state;
    }
    const fill = companyGaps(known, buyer);
    Object.assign(known, fill);
    Object.assign(known.create ?? known.changes, fill);
    return known;
  }

  /** upsertLead in memory: the lead this input belongs to, or null when it names no buyer. */
  upsert(input: LeadInput): LeadState | null {
    const email = buyerEmail(input);
    const key = keyOf(email, input.platform, input.platformBuyerId);
    if (key === null) return null;
    const company = this.company(input, email);
    // The company's id is not known yet when it is new; a placeholder marks the column set.
    const fields = leadFields(input, company === null ? null : (company.id ?? -1));
    const known = this.leads.get(key);
    if (known === undefined) {
      const create = newLead(input, email, fields);
      const state: LeadState = {
        key,
        id: null,
        email,
        companyId: null,
        company,
        ownerId: null,
        assignedAt: null,
        status: 'prospect',
        wakeUpFlaggedAt: null,
        values: { ...create },
        changes: {},
        create,
      };
      this.leads.set(key, state);
      return state;
    }
    const gaps = leadGaps(known.values, fields);
    if (gaps.companyId !== undefined) known.company = company;
    const { companyId: _placeholder, ...rest } = gaps;
    Object.assign(known.values, gaps);
    this.change(known, rest);
    return known;
  }

  /** Records column changes on a lead, stored at flush. */
  change(lead: LeadState, data: Record<string, unknown>): void {
    Object.assign(lead.create ?? lead.changes, data);
  }

  /** Writes the batch: new companies, then new leads, then the changes, and returns nothing new. */
  async flush(): Promise<void> {
    const newCompanies = [...this.companies.values()].filter((c) => c.create !== null);
    if (newCompanies.length > 0) {
      const created = await this.tx.company.createManyAndReturn({
        data: newCompanies.map((c) => c.create!),
        select: { id: true, domain: true },
      });
      const ids = new Map(created.map((c) => [c.domain, c.id]));
      for (const c of newCompanies) c.id = ids.get(c.domain)!;
    }
    for (const c of this.companies.values()) {
      if (c.create === null && Object.keys(c.changes).length > 0)
        await this.tx.company.update({ where: { id: c.id! }, data: c.changes });
    }
    const companyIdOf = (l: LeadState) => (l.company === null ? {} : { companyId: l.company.id! });
    const newLeads = [...this.leads.values()].filter((l) => l.create !== null);
    if (newLeads.length > 0) {
      const created = await insertRowsReturning<{ id: number; email: string | null } & LeadKeyColumns>(
        this.tx,
        'Lead',
        newLeads.map((l) => ({ ...NEW_LEAD_DEFAULTS, ...l.create, ...companyIdOf(l) }) as Row),
        ['id', 'email', 'platform', 'platformBuyerId'],
        { stamp: ['createdAt', 'updatedAt'] },
      );
      const ids = new Map(created.map((l) => [keyOf(l.email, l.platform, l.platformBuyerId), l.id]));
      for (const l of newLeads) l.id = ids.get(l.key)!;
    }
    for (const l of this.leads.values()) {
      if (l.create !== null) continue;
      const data = { ...l.changes, ...companyIdOf(l) };
      if (Object.keys(data).length > 0) await this.tx.lead.update({ where: { id: l.id! }, data });
    }
  }
}
