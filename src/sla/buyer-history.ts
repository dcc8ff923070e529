/**
 * What the store knows about the buyers of a batch, read in a few set-based queries before the
 * rank stage runs: how many inquiries each has sent before, and whether their company is an
 * existing customer (a tier, past orders, or leads marked customer). Inquiries stored later in
 * the same batch are counted in with `noteInquiry`, so a buyer's second mail in one batch is
 * already a repeat.
 */
import type { CustomerTier } from '../domain/types.ts';
import type { BuyerHistory, BuyerKey } from '../ingest/stages/rank.ts';
import type { Db } from '../store/client.ts';
import { emailDomain, isFreeMailDomain } from '../understand/extract/domains.ts';

interface CompanyFacts {
  tier: string | null;
  orders: number;
}

interface LeadFacts {
  inquiries: number;
  customer: boolean;
  company: CompanyFacts | null;
}

function keyText(key: BuyerKey): string {
  return key.email !== null ? `e:${key.email.toLowerCase()}` : `p:${key.platform}\n${key.platformBuyerId}`;
}

function asTier(value: string | null): CustomerTier | null {
  return value === 'A' || value === 'B' || value === 'C' ? value : null;
}

function companyIsCustomer(c: CompanyFacts | null): boolean {
  return c !== null && (c.tier !== null || c.orders > 0);
}

export class BuyerHistoryBook {
  readonly #leads: Map<string, LeadFacts>;
  readonly #companies: Map<string, CompanyFacts>;
  readonly #noted = new Map<string, number>();

  constructor(leads: Map<string, LeadFacts>, companies: Map<string, CompanyFacts>) {
    this.#leads = leads;
    this.#companies = companies;
  }

  history = (key: BuyerKey): BuyerHistory => {
    const k = keyText(key);
    const lead = this.#leads.get(k);
    const domain = key.email === null ? null : emailDomain(key.email);
    const company = lead?.company ?? (domain === null ? null : (this.#companies.get(domain) ?? null));
    const customer = lead?.customer === true || companyIsCustomer(company);
    return {
      earlierInquiries: (lead?.inquiries ?? 0) + (this.#noted.get(k) ?? 0),
      customer: customer ? { tier: asTier(company?.tier ?? null) } : null,
    };
  };

  /** Counts an inquiry stored after the look-up, for later messages of the same batch. */
  noteInquiry(key: BuyerKey): void {
    const k = keyText(key);
    this.#noted.set(k, (this.#noted.get(k) ?? 0) + 1);
  }
}

const companySelect = { tier: true, _count: { select: { orders: true } } } as const;

export async function loadBuyerHistory(db: Db, keys: readonly BuyerKey[]): Promise<BuyerHistoryBook> {
  const emails = [...new Set(keys.flatMap((k) => (k.email === null ? [] : [k.email.toLowerCase()])))];
  const platformKeys = keys.filter(
    (k) => k.email === null && k.platform !== null && k.platformBuyerId !== null,
  );
  const domains = [
    ...new Set(
      emails.map((e) => emailDomain(e)).filter((d): d is string => d !== null && !isFreeMailDomain(d)),
    ),
  ];
  const leadWhere = [
    ...(emails.length > 0 ? [{ email: { in: emails } }] : []),
    ...platformKeys.map((k) => ({ platform: k.platform, platformBuyerId: k.platformBuyerId })),
  ];
  const [leads, companies] = await Promise.all([
    leadWhere.length === 0
      ? []
      : db.lead.findMany({
          where: { OR: leadWhere },
          select: {
            email: true,
            platform: true,
            platformBuyerId: true,
            status: true,
            _count: { select: { inquiries: true } },
            company: { select: companySelect },
          },
        }),
    domains.length === 0
      ? []
      : db.company.findMany({
          where: { domain: { in: domains } },
          select: { domain: true, ...companySelect },
        }),
  ]);
  const leadMap = new Map<string, LeadFacts>();
  for (const l of leads) {
    const key = { email: l.email, platform: l.platform, platformBuyerId: l.platformBuyerId };
    leadMap.set(keyText(key), {
      inquiries: l._count.inquiries,
      customer: l.status === 'customer',
      company: l.company === null ? null : { tier: l.company.tier, orders: l.company._count.orders },
    });
  }
  const companyMap = new Map<string, CompanyFacts>();
  for (const c of companies) {
    if (c.domain !== null) companyMap.set(c.domain, { tier: c.tier, orders: c._count.orders });
  }
  return new BuyerHistoryBook(leadMap, companyMap);
}
