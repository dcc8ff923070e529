/**
 * An inquiry's buyer as a person reads it in the queue and in the SLA notices: who is asking,
 * from which company and country, and through which platform. Both read it from the lead.
 */

export interface BuyerSummary {
  name: string | null;
  email: string | null;
  company: string | null;
  country: string | null;
  platform: string | null;
}

/** The lead's fields a BuyerSummary is made of, as a Prisma `select`. */
export const BUYER_FIELDS = {
  select: { name: true, email: true, country: true, platform: true, company: { select: { name: true } } },
} as const;

interface BuyerRow {
  name: string | null;
  email: string | null;
  country: string | null;
  platform: string | null;
  company: { name: string | null } | null;
}

/** `company` defaults to the lead's stored company (keyed on a corporate mail domain). */
export function buyerSummary(
  lead: BuyerRow,
  company: string | null = lead.company?.name ?? null,
): BuyerSummary {
  return { name: lead.name, email: lead.email, company, country: lead.country, platform: lead.platform };
}
