/**
 * Leads keyed on the real buyer: by email (lowercased), or for platform buyers whose address
 * is hidden, by (platform, platform buyer id). Known values are never overwritten with
 * blanks; a later, better-informed mail only fills gaps. Companies are keyed on the corporate
 * mail domain; free-mail domains (gmail.com, qq.com ...) get no company.
 */
import { emailDomain, isFreeMailDomain } from '../../understand/extract/domains.ts';
import type { BuyerFields } from '../../understand/extract/index.ts';
import type { Db } from '../client.ts';

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface LeadInput {
  buyer: BuyerFields;
  platform: string | null;
  platformBuyerId: string | null;
  language: string | null;
  source: string;
}

/** The lead key's address: the buyer's, lower-cased; null for a buyer known only on a platform. */
export function buyerEmail(input: LeadInput): string | null {
  return input.buyer.email?.toLowerCase() ?? null;
}

/** The company key of a buyer: the corporate mail domain; none for free-mail addresses. */
export function companyDomainOf(email: string | null): string | null {
  const domain = email ? emailDomain(email) : null;
  return !domain || isFreeMailDomain(domain) ? null : domain;
}

type CompanyFacts = { name: string | null; country: string | null; website: string | null };

/** The company columns a buyer's mail can fill: only the ones still empty. */
export function companyGaps(existing: CompanyFacts, buyer: BuyerFields): Partial<CompanyFacts> {
  return {
    ...(existing.name ? {} : buyer.company ? { name: buyer.company } : {}),
    ...(existing.country ? {} : buyer.country ? { country: buyer.country } : {}),
    ...(existing.website ? {} : buyer.website ? { website: buyer.website } : {}),
  };
}

export function newCompany(domain: string, buyer: BuyerFields) {
  return { domain, name: buyer.company, country: buyer.country, website: buyer.website };
}

async function ensureCompany(tx: Tx, buyer: BuyerFields): Promise<number | null> {
  const domain = companyDomainOf(buyer.email);
  if (domain === null) return null;
  const existing = await tx.company.findUnique({ where: { domain } });
  if (existing) {
    const fill = companyGaps(existing, buyer);
    if (Object.keys(fill).length > 0) await tx.company.update({ where: { id: existing.id }, data: fill });
    return existing.id;
  }
  const created = await tx.company.create({ data: newCompany(domain, buyer) });
  return created.id;
}

/** The lead columns a mail tells; on an existing lead only the empty ones are filled. */
export function leadFields(input: LeadInput, companyId: number | null) {
  const { buyer } = input;
  return {
    name: buyer.name,
    title: buyer.title,
    phone: buyer.phone,
    country: buyer.country,
    website: buyer.website,
    language: input.language,
    companyId,
  };
}

export type LeadFields = ReturnType<typeof leadFields>;

export function leadGaps(existing: Record<string, unknown>, fields: LeadFields): Partial<LeadFields> {
  return Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => v !== null && existing[k] === null),
  ) as Partial<LeadFields>;
}

export function newLead(input: LeadInput, email: string | null, fields: LeadFields) {
  return {
    email,
    platform: input.platform,
    platformBuyerId: input.platformBuyerId,
    source: input.source,
    ...fields,
  };
}

export async function upsertLead(tx: Tx, input: LeadInput): Promise<number | null> {
  const { buyer } = input;
  const email = buyerEmail(input);
  if (!email && !(input.platform && input.platformBuyerId)) return null;
  const existing = email
    ? await tx.lead.findUnique({ where: { email } })
    : await tx.lead.findUnique({
        where: {
          platform_platformBuyerId: { platform: input.platform!, platformBuyerId: input.platformBuyerId! },
        },
      });
  const companyId = await ensureCompany(tx, { ...buyer, email });
  const fields = leadFields(input, companyId);
  if (!existing) {
    const created = await tx.lead.create({ data: newLead(input, email, fields) });
    return created.id;
  }
  const gaps = leadGaps(existing, fields);
  if (Object.keys(gaps).length > 0) await tx.lead.update({ where: { id: existing.id }, data: gaps });
  return existing.id;
}

export async function findLeadIdByEmail(tx: Tx, email: string | null | undefined): Promise<number | null> {
  if (!email) return null;
  const lead = await tx.lead.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  return lead?.id ?? null;
}

export type { Tx };
