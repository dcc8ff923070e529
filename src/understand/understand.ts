/**
 * Understanding one inbound mail: its kind (classify.ts), the lead it concerns, the inquiry
 * and its grade, and what a bounce or auto-reply says. `toParseJson` gives the CLI's JSON
 * contract; `extras` carries what the ranker, the SLA clock and the suppression list need.
 */
import type { Grade, MessageKind } from '../domain/types.ts';
import type { MailAddress, ParsedMail } from '../ingest/mail.ts';
import { classify, type Evidence } from './classify.ts';
import { isOurAddress, type UnderstandContext } from './context.ts';
import {
  type BuyerFields,
  extractBuyer,
  extractInquiry,
  gradeInquiry,
  type InquiryFields,
} from './extract/index.ts';
import { explicitFields } from './form/explicit.ts';
import { type FormSubmission, parseFormSubmission } from './form/index.ts';
import type { ForwardedOriginal } from './forward/index.ts';
import { type PlatformInquiry, parsePlatformNotice } from './platform/index.ts';
import { stripReply } from './quote/index.ts';
import { normaliseSubject } from './reply-match.ts';

/** The inquiry fields of the `trademail parse --json` contract. */
export type InquiryJson = Pick<
  InquiryFields,
  | 'products'
  | 'quantity'
  | 'unit'
  | 'incoterm'
  | 'incotermPlace'
  | 'port'
  | 'targetPrice'
  | 'currency'
  | 'certifications'
  | 'sampleRequest'
  | 'language'
>;

export interface Understanding {
  kind: MessageKind;
  lead: BuyerFields | null;
  inquiry: InquiryJson | null;
  grade: Grade | null;
  inReplyTo: string | null;
  autoReply: { returnDate: string | null } | null;
  bounce: {
    recipient: string | null;
    permanent: boolean;
    status: string | null;
    diagnostic: string | null;
  } | null;
  extras: {
    platform: string | null;
    platformBuyerId: string | null;
    platformInquiryId: string | null;
    leftCompany: boolean;
    alternateContact: string | null;
    spamSignals: string[];
    /** The new text: quoted history and signature removed. */
    bodyText: string;
    signature: string | null;
    /** The salesperson who forwarded a buyer's mail. */
    forwardedBy: string | null;
    detailScore: number | null;
    genericRequest: boolean;
    relatedOnly: boolean;
    urgency: 'high' | 'normal' | null;
    paymentTerms: string | null;
    /** The address to put on the suppression list. */
    unsubscribeAddress: string | null;
  };
}

interface Found {
  lead: BuyerFields | null;
  inquiry: InquiryFields | null;
  platform: string | null;
  platformBuyerId: string | null;
  platformInquiryId: string | null;
}

const NOTHING: Found = {
  lead: null,
  inquiry: null,
  platform: null,
  platformBuyerId: null,
  platformInquiryId: null,
};

function buyerFromText(address: MailAddress | null, body: string, signature: string | null): BuyerFields {
  return extractBuyer({
    email: address?.address || null,
    displayName: address?.name || null,
    body,
    signature,
  });
}

function fieldLines(product: string | null, quantity: string | null, message: string): string {
  return [product ? `Product: ${product}` : '', quantity ? `Quantity: ${quantity}` : '', message]
    .filter(Boolean)
    .join('\n');
}

function fromPlatform(platform: string, p: PlatformInquiry, subject: string, ctx: UnderstandContext): Found {
  const message = p.message ?? '';
  // The buyer's own sign-off, if any, split off the way a direct mail's is.
  const own = stripReply(message);
  const lead = extractBuyer({
    email: p.buyerEmail,
    displayName: p.buyerName,
    body: own.body,
    signature: own.signature,
    explicit: explicitFields({
      name: p.buyerName,
      company: p.buyerCompany,
      country: p.buyerCountry,
      phone: p.buyerPhone,
      website: null,
    }),
  });
  // The platform withholds the address: never take one from elsewhere in the notice (such as
  // "this email was sent to <our address>").
  const stray = !p.buyerEmail && lead.email !== null && !message.toLowerCase().includes(lead.email);
  if (lead.email && (stray || isOurAddress(ctx, lead.email))) {
    lead.email = null;
    if (lead.website && isOurAddress(ctx, `x@${lead.website}`)) lead.website = null;
  }
  const inquiry = extractInquiry(fieldLines(p.product, p.quantity, message), subject, ctx.catalogue);
  return { lead, inquiry, platform, platformBuyerId: p.buyerId, platformInquiryId: p.inquiryId };
}

function fromForm(f: FormSubmission, subject: string, ctx: UnderstandContext): Found {
  const own = stripReply(f.message);
  const lead = extractBuyer({
    email: f.email,
    displayName: f.name,
    body: own.body,
    signature: own.signature,
    explicit: explicitFields({
      name: f.name,
      company: f.company,
      country: f.country,
      phone: f.phone,
      website: f.website,
    }),
  });
  const inquiry = extractInquiry(
    fieldLines(f.product, f.quantity, f.message),
    f.subject ?? subject,
    ctx.catalogue,
  );
  return { ...NOTHING, lead, inquiry };
}

/** A forwarded original seen as a mail of its own, so platform and form notices inside it are read. */
function asMail(o: ForwardedOriginal): ParsedMail {
  return {
    messageId: null,
    inReplyTo: null,
    references: [],
    subject: o.subject ?? '',
    date: null,
    from: o.from,
    sender: null,
    replyTo: [],
    to: o.to,
    cc: o.cc,
    headers: {},
    contentType: 'text/plain',
    reportType: null,
    text: o.body,
    html: null,
    attachments: [],
  };
}

function fromForward(o: ForwardedOriginal, ctx: UnderstandContext): Found {
  const subject = normaliseSubjectKeepCase(o.subject ?? '');
  const inner = asMail(o);
  const notice = parsePlatformNotice(inner);
  if (notice?.inquiry) return fromPlatform(notice.platform, notice.inquiry, subject, ctx);
  const form = parseFormSubmission(inner);
  if (form) return fromForm(form, subject, ctx);
  const stripped = stripReply(o.body);
  const lead = buyerFromText(o.from, stripped.body, stripped.signature);
  return { ...NOTHING, lead, inquiry: extractInquiry(stripped.body, subject, ctx.catalogue) };
}

/** "Fwd: RE: LED panel" -> "LED panel", keeping the buyer's own casing for extraction. */
function normaliseSubjectKeepCase(subject: string): string {
  const bare = normaliseSubject(subject);
  const at = subject.toLowerCase().lastIndexOf(bare);
  return at >= 0 ? subject.slice(at, at + bare.length) : bare;
}

function found(
  e: Evidence,
  mail: ParsedMail,
  bodyText: string,
  signature: string | null,
  ctx: UnderstandContext,
): Found {
  switch (e.kind) {
    case 'inquiry':
      return {
        ...NOTHING,
        lead: buyerFromText(mail.from, bodyText, signature),
        inquiry: extractInquiry(bodyText, mail.subject, ctx.catalogue),
      };
    case 'platform_inquiry':
      return fromPlatform(e.platform, e.inquiry, mail.subject, ctx);
    case 'form_inquiry':
      return fromForm(e.form, mail.subject, ctx);
    case 'forwarded_inquiry':
      return fromForward(e.original, ctx);
    case 'bcc_outbound':
      return { ...NOTHING, lead: e.recipient ? buyerFromText(e.recipient, '', null) : null };
    case 'reply':
    case 'unsubscribe':
    case 'auto_reply':
      return { ...NOTHING, lead: buyerFromText(mail.from, bodyText, signature) };
    default:
      return NOTHING;
  }
}

function inquiryJson(f: InquiryFields): InquiryJson {
  return {
    products: f.products,
    quantity: f.quantity,
    unit: f.unit,
    incoterm: f.incoterm,
    incotermPlace: f.incotermPlace,
    port: f.port,
    targetPrice: f.targetPrice,
    currency: f.currency,
    certifications: f.certifications,
    sampleRequest: f.sampleRequest,
    language: f.language,
  };
}

export async function understand(mail: ParsedMail, ctx: UnderstandContext): Promise<Understanding> {
  const c = await classify(mail, ctx);
  const e = c.evidence;
  const f = found(e, mail, c.bodyText, c.signature, ctx);
  const auto = e.kind === 'auto_reply' ? e.autoReply : null;
  return {
    kind: e.kind,
    lead: f.lead,
    inquiry: f.inquiry ? inquiryJson(f.inquiry) : null,
    grade: f.inquiry ? gradeInquiry(f.inquiry) : null,
    inReplyTo: c.inReplyTo,
    autoReply: auto ? { returnDate: auto.returnDate } : null,
    bounce: e.kind === 'bounce' ? { ...e.bounce } : null,
    extras: {
      platform: f.platform,
      platformBuyerId: f.platformBuyerId,
      platformInquiryId: f.platformInquiryId,
      leftCompany: auto?.leftCompany ?? false,
      alternateContact: auto?.alternateContact ?? null,
      spamSignals: c.spamSignals,
      bodyText: c.bodyText,
      signature: c.signature,
      forwardedBy: e.kind === 'forwarded_inquiry' ? e.forwardedBy : null,
      detailScore: f.inquiry?.detailScore ?? null,
      genericRequest: f.inquiry?.genericRequest ?? false,
      relatedOnly: f.inquiry?.relatedOnly ?? false,
      urgency: f.inquiry?.urgency ?? null,
      paymentTerms: f.inquiry?.paymentTerms ?? null,
      unsubscribeAddress: e.kind === 'unsubscribe' ? e.request.address : null,
    },
  };
}

/** The parse JSON of the CLI contract, keys in contract order. */
export function toParseJson(u: Understanding): Record<string, unknown> {
  const lead = u.lead
    ? {
        email: u.lead.email,
        name: u.lead.name,
        title: u.lead.title,
        company: u.lead.company,
        country: u.lead.country,
        phone: u.lead.phone,
        website: u.lead.website,
      }
    : null;
  const bounce = u.bounce
    ? {
        recipient: u.bounce.recipient,
        permanent: u.bounce.permanent,
        status: u.bounce.status,
        diagnostic: u.bounce.diagnostic,
      }
    : null;
  return {
    kind: u.kind,
    lead,
    inquiry: u.inquiry ? { ...u.inquiry } : null,
    grade: u.grade,
    inReplyTo: u.inReplyTo,
    autoReply: u.autoReply ? { returnDate: u.autoReply.returnDate } : null,
    bounce,
  };
}
