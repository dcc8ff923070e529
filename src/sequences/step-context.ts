/**
 * The template data for one sequence step, from what the store knows: the buyer (lead, company,
 * latest inquiry and its text), the salesperson sending it (config), the quotation it follows
 * up (our latest logged mail to the buyer that carries a quote) and the unsubscribe target.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../config/schema.ts';
import type { Grade } from '../domain/types.ts';
import { decompressRaw } from '../ingest/raw/compress.ts';
import { parseStage } from '../ingest/stages/parse.ts';
import type { Db } from '../store/client.ts';
import type { BuyerMailContext } from '../templates/index.ts';
import type { StepToRender } from './engine/index.ts';

/** Subjects and texts that say a quotation went out (the same words the funnel report counts). */
export const QUOTE_WORDS = /\b(quot(e|ation)|offer|price ?list|proforma|PI)\b|报价/i;
const QUOTE_REFERENCE =
  /\b(?:quotation|quote|offer|PI)\s*(?:no\.?|number|ref\.?|#)\s*:?\s*([A-Z0-9][A-Z0-9/-]{2,30})/i;
const INCOTERM = /\b(EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP)\s+([A-Z][A-Za-z]+(?: [A-Z][a-z]+)?)/;
const ORIGINAL_MAX_CHARS = 1500;

function lastNameOf(name: string | null): string | null {
  const parts = name?.trim().split(/\s+/) ?? [];
  return parts.length >= 2 ? parts.at(-1)! : null;
}

function asGrade(g: string | null | undefined): Grade | null {
  return g === 'A' || g === 'B' || g === 'C' || g === 'D' ? g : null;
}

function asTier(t: string | null | undefined): 'A' | 'B' | 'C' | null {
  return t === 'A' || t === 'B' || t === 'C' ? t : null;
}

async function mailText(db: Db, messageRowId: number): Promise<string> {
  const row = await db.message.findUniqueOrThrow({ where: { id: messageRowId }, include: { raw: true } });
  return (await parseStage(decompressRaw(row.raw.compressed))).text;
}

/** Our latest mail to the lead that carries a quotation, logged from Sent or the drop box. */
async function latestQuote(db: Db, leadId: number): Promise<BuyerMailContext['quote']> {
  const ours = await db.message.findMany({
    where: { leadId, direction: 'outbound', stage: 'processed' },
    orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
    take: 5,
  });
  for (const m of ours) {
    const text = await mailText(db, m.id);
    if (!QUOTE_WORDS.test(m.subject) && !QUOTE_WORDS.test(text)) continue;
    const incoterm = INCOTERM.exec(text);
    return {
      reference:
        QUOTE_REFERENCE.exec(text)?.[1] ?? `"${m.subject.replace(/^(re|aw|fw|fwd|回复|答复)\s*:\s*/i, '')}"`,
      sentAt: m.sentAt ?? m.createdAt,
      incoterm: incoterm ? `${incoterm[1]} ${incoterm[2]}` : null,
      validUntil: null,
    };
  }
  return null;
}

export function unsubscribeUrl(config: Config, leadId: number, email: string): string {
  const base = config.company.website?.startsWith('https://')
    ? config.company.website.replace(/\/+$/, '')
    : `https://www.${config.company.domains[0]}`;
  const token = createHash('sha256')
    .update(`${leadId}:${email.toLowerCase()}`)
    .digest('base64url')
    .slice(0, 22);
  return `${base}/unsubscribe/${token}`;
}

/**
 * `productLine` is what the company makes in a few words ("LED lighting"), used where a buyer's
 * own products are unknown; without it the first catalogue names stand in.
 */
export function stepContextBuilder(
  db: Db,
  config: Config,
  options: { productLine?: string } = {},
): (input: StepToRender) => Promise<BuyerMailContext> {
  const names = config.catalogue.products.map((p) => p.name);
  const productLine =
    options.productLine ??
    (names.length === 0
      ? config.company.name
      : `${names.slice(0, 3).join(', ')}${names.length > 3 ? ' and more' : ''}`);
  return async (input) => {
    const lead = await db.lead.findUniqueOrThrow({
      where: { id: input.lead.id },
      include: {
        company: true,
        inquiries: { orderBy: { receivedAt: 'desc' }, take: 1, include: { message: true } },
      },
    });
    const inquiry = lead.inquiries[0] ?? null;
    const person = config.salespeople.find((s) => s.mailbox === input.sender.mailboxName);
    const products = inquiry ? (JSON.parse(inquiry.products) as string[]) : [];
    const original =
      inquiry === null
        ? null
        : {
            from: lead.name ? `${lead.name} <${input.lead.email}>` : input.lead.email,
            date: inquiry.receivedAt,
            text: (await mailText(db, inquiry.messageId)).trim().slice(0, ORIGINAL_MAX_CHARS),
          };
    return {
      lead: {
        name: lead.name,
        lastName: lastNameOf(lead.name),
        salutation: null,
        email: input.lead.email,
        company: lead.company?.name ?? null,
        country: lead.country ?? lead.company?.country ?? null,
        language: lead.language,
        timeZone: lead.timeZone,
        grade: asGrade(inquiry?.grade),
        tier: asTier(lead.company?.tier),
      },
      sender: {
        name: input.sender.name ?? person?.name ?? config.company.name,
        title: null,
        company: config.company.name,
        email: input.sender.address,
        phone: null,
        website: config.company.website ?? null,
        productLine,
      },
      products,
      inquiry: inquiry ? { subject: inquiry.message.subject, receivedAt: inquiry.receivedAt } : null,
      quote: input.sequenceName.startsWith('quotation') ? await latestQuote(db, lead.id) : null,
      show: null,
      customer: { lastInquiryAt: lead.lastInquiryAt, lastOrderAt: null },
      original,
      unsubscribe: { mailto: input.sender.address, url: unsubscribeUrl(config, lead.id, input.lead.email) },
    };
  };
}
