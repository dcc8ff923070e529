/**
 * The data a template preview renders with, built from one lead as the store knows it: the
 * buyer, the owning salesperson as sender, the latest inquiry, and the company from the config.
 * It covers both documented shapes (buyer mail and internal notices), so every shipped template
 * can be previewed for any lead that has an inquiry.
 */
import type { Config } from '../../config/schema.ts';
import type { Grade, PriorityTier } from '../../domain/types.ts';
import type { Db } from '../../store/client.ts';
import type { BuyerMailContext, InternalMailContext } from '../../templates/index.ts';
import { parseJsonList } from './json.ts';

const GRADES: readonly string[] = ['A', 'B', 'C', 'D'];
const TIERS: readonly string[] = ['P1', 'P2', 'P3'];

function lastNameOf(name: string | null): string | null {
  const parts = name?.trim().split(/\s+/) ?? [];
  return parts.length >= 2 ? parts[parts.length - 1]! : null;
}

function customerTier(tier: string | null): 'A' | 'B' | 'C' | null {
  return tier === 'A' || tier === 'B' || tier === 'C' ? tier : null;
}

/** Buyer-mail data plus the internal-notice data; `sla` is null when the lead has no inquiry. */
export type PreviewContext = BuyerMailContext &
  Omit<InternalMailContext, 'sla'> & { sla: InternalMailContext['sla'] | null };

export async function previewContext(db: Db, config: Config, leadId: number): Promise<PreviewContext> {
  const lead = await db.lead.findUniqueOrThrow({
    where: { id: leadId },
    include: {
      company: { include: { orders: { orderBy: { orderedAt: 'desc' }, take: 1 } } },
      owner: true,
      inquiries: { orderBy: { receivedAt: 'desc' }, take: 1, include: { message: true } },
    },
  });
  const inquiry = lead.inquiries[0] ?? null;
  const domain = config.company.domains[0]!;
  const owner = lead.owner;
  const products = inquiry ? parseJsonList(inquiry.products) : [];
  const grade = inquiry?.grade && GRADES.includes(inquiry.grade) ? (inquiry.grade as Grade) : null;
  const email = lead.email ?? `buyer-${lead.id}@${lead.platform ?? 'platform'}.invalid`;
  const senderName = owner?.name ?? config.company.name;
  const senderEmail = owner?.email ?? `sales@${domain}`;
  return {
    lead: {
      name: lead.name,
      lastName: lastNameOf(lead.name),
      salutation: null,
      email,
      company: lead.company?.name ?? null,
      country: lead.country ?? lead.company?.country ?? null,
      language: lead.language,
      timeZone: lead.timeZone,
      grade,
      tier: customerTier(lead.company?.tier ?? null),
    },
    sender: {
      name: senderName,
      title: null,
      company: config.company.name,
      email: senderEmail,
      phone: null,
      website: config.company.website ?? null,
      productLine: config.catalogue.products.map((p) => p.name).join(', ') || config.company.name,
    },
    products,
    inquiry: inquiry ? { subject: inquiry.message.subject, receivedAt: inquiry.receivedAt } : null,
    quote: null,
    show: null,
    customer: {
      lastInquiryAt: lead.lastInquiryAt,
      lastOrderAt: lead.company?.orders[0]?.orderedAt ?? null,
    },
    original: inquiry
      ? {
          from: lead.name ? `${lead.name} <${email}>` : email,
          date: inquiry.receivedAt,
          text: inquiry.message.subject,
        }
      : null,
    // A preview is never sent: the target only has to be well formed.
    unsubscribe: { mailto: `unsubscribe@${domain}`, url: `https://${domain}/unsubscribe/preview` },
    recipient: {
      name: senderName,
      lastName: lastNameOf(senderName),
      salutation: null,
      email: senderEmail,
      country: null,
      timeZone: owner?.timeZone ?? null,
    },
    sla: inquiry
      ? {
          deadline: inquiry.deadlineAt ?? inquiry.receivedAt,
          receivedAt: inquiry.receivedAt,
          subject: inquiry.message.subject,
          reasons: parseJsonList(inquiry.reasons),
          products,
          grade,
          priority:
            inquiry.priorityTier && TIERS.includes(inquiry.priorityTier)
              ? (inquiry.priorityTier as PriorityTier)
              : null,
          buyer: { name: lead.name, email, company: lead.company?.name ?? null, country: lead.country },
          owner: { name: senderName, email: senderEmail },
        }
      : null,
  };
}
