/**
 * The kind of an inbound mail. The checks run in this order and the first that holds wins:
 *
 * 1. bounce            a final delivery failure (RFC 3464 DSN or MTA wording).
 * 2. auto_reply        header level first (RFC 3834 Auto-Submitted, vendor headers), then content.
 *                      Delivery notices that are not final failures (delay, success) are `other`.
 * 3. bcc_outbound      from us, and it reached a dropbox (To/Cc, envelope headers, or a dropbox
 *                      mailbox), and is not a forward of a buyer's mail. Lead: the RECIPIENT.
 * 4. forwarded_inquiry from us, with a buyer's mail forwarded inline or attached. Lead: the
 *                      ORIGINAL sender, never the salesperson who forwarded it.
 *                      Our own mail that is none of 3-4 (colleagues writing to the inquiry box)
 *                      is `other` unless it is spam (spoofed "IT notices" use our own domain).
 * 5. reply             answers one of our Message-IDs (In-Reply-To/References, RFC 5322 §3.6.4),
 *                      else sender + normalised subject matches a thread we sent.
 * 6. unsubscribe       asks us to stop. A matched reply that asks to stop is `unsubscribe`.
 * 7. spam              fraud, phishing, lookalike platforms, SEO sellers, blacklisted buyers.
 * 8. platform_inquiry  a notice from a B2B platform's real domain carrying a buyer's inquiry.
 * 9. form_inquiry      a website contact-form mail.
 * 10. inquiry          a buyer writing directly with a real request.
 * 11. other            newsletters (RFC 2369/2919 list headers, Precedence: bulk), no-reply senders,
 *                      platform account notices, suppliers selling to us, anything without a request.
 */
import type { MailAddress, ParsedMail } from '../ingest/mail.ts';
import { type AutoReplyInfo, detectAutoReply, headerLevelKind } from './autoreply/index.ts';
import { type BounceInfo, detectBounce } from './bounce/index.ts';
import { isBlacklisted, isOurAddress, reachedDropbox, type UnderstandContext } from './context.ts';
import type { Catalogue } from './extract/index.ts';
import { type FormSubmission, isNoReplySender, parseFormSubmission } from './form/index.ts';
import { type ForwardedOriginal, parseForward } from './forward/index.ts';
import { matchesOf } from './matches.ts';
import { type PlatformId, type PlatformInquiry, parsePlatformNotice } from './platform/index.ts';
import { stripReply } from './quote/index.ts';
import { hasReplyPrefix, matchReply } from './reply-match.ts';
import { detectSpam, type SpamSignal } from './spam/index.ts';
import { detectUnsubscribe, isBulkMail, type UnsubscribeRequest } from './unsubscribe/index.ts';

export type OtherReason =
  | 'delivery_notice'
  | 'internal'
  | 'bulk'
  | 'no_reply_sender'
  | 'platform_notice'
  | 'supplier_solicitation'
  | 'no_request'
  | 'no_sender';

export type Evidence =
  | { kind: 'bounce'; bounce: BounceInfo }
  | { kind: 'auto_reply'; autoReply: AutoReplyInfo }
  | { kind: 'bcc_outbound'; recipient: MailAddress | null }
  | { kind: 'forwarded_inquiry'; original: ForwardedOriginal; forwardedBy: string }
  | { kind: 'reply'; via: 'header' | 'subject' }
  | { kind: 'unsubscribe'; request: UnsubscribeRequest }
  | { kind: 'spam' }
  | { kind: 'platform_inquiry'; platform: PlatformId; inquiry: PlatformInquiry }
  | { kind: 'form_inquiry'; form: FormSubmission }
  | { kind: 'inquiry' }
  | { kind: 'other'; reason: OtherReason };

export interface Classification {
  evidence: Evidence;
  /** Message-ID of ours that this mail answers (replies, opt-outs, auto-replies, bounces). */
  inReplyTo: string | null;
  spamSignals: SpamSignal[];
  /** The new text of the message: quoted history and signature removed. */
  bodyText: string;
  signature: string | null;
}

/** RFC 6522 reports and mail from the MTA itself (RFC 5321 §4.5.5: null reverse-path). */
function isDeliveryNotice(mail: ParsedMail): boolean {
  const local = (mail.from?.address ?? '').split('@')[0] ?? '';
  return mail.contentType === 'multipart/report' || /^(?:mailer-daemon|postmaster)$/i.test(local);
}

/** Our own Message-ID inside a bounce's returned message or headers (RFC 3462 text/rfc822-headers). */
function returnedMessageId(mail: ParsedMail, ctx: UnderstandContext): string | null {
  const texts = [mail.text, ...mail.attachments.map((a) => a.content?.toString('utf8') ?? '')];
  for (const text of texts) {
    for (const m of matchesOf(/^message-id:\s*(<[^>\s]+>)/gim, text)) {
      if (ctx.isOurMessageId(m[1]!)) return m[1]!;
    }
  }
  return null;
}

function firstForeign(ctx: UnderstandContext, addresses: readonly MailAddress[]): MailAddress | null {
  return addresses.find((a) => a.address && !isOurAddress(ctx, a.address)) ?? null;
}

async function fromUs(mail: ParsedMail, ctx: UnderstandContext): Promise<Evidence | null> {
  const found = await parseForward(mail);
  // "RE: ..." with the buyer's mail quoted under an Outlook header block is our reply, not a forward.
  const forward = found && !(found.via === 'inline' && hasReplyPrefix(mail.subject)) ? found : null;
  const originalFrom = forward?.from?.address ?? null;
  if (forward && originalFrom && !isOurAddress(ctx, originalFrom)) {
    return { kind: 'forwarded_inquiry', original: forward, forwardedBy: mail.from?.address ?? '' };
  }
  if (reachedDropbox(mail, ctx)) {
    // A salesperson forwarding their own sent mail to the dropbox logs it like a BCC.
    const recipients = forward ? [...forward.to, ...forward.cc] : [...mail.to, ...mail.cc];
    return { kind: 'bcc_outbound', recipient: firstForeign(ctx, recipients) };
  }
  return null;
}

/** Words of a buyer's request, in our buyers' languages. */
// (?<!\w) and (?!\w) stand for \b, slow under the iu flags (word-boundary-patterns.test.ts).
const REQUEST_WORDS =
  /(?<!\w)(?:price|prices|pricing|quot(?:e|ation|ing)|catalog(?:ue)?|price ?list|moq|samples?|interested in|looking for|we need|we require|purchase|import|order|specifications?|datasheet|cotizaci[oó]n|precios?|cat[aá]logo|muestras?|or[cç]amento|pre[cç]os?|amostras?|prix|devis|tarif|preis(?:e|liste)?|angebot|muster|katalog|fiyat|teklif|numune|prezzo|preventivo|campioni)(?!\w)|échantillon|цен[аыу]|прайс|предложени|образ[ец]|سعر|أسعار|عرض|عينة|报价|价格|询价|样品|目录|需要|采购/iu;

function isLikelyRequest(text: string, subject: string, catalogue: Catalogue): boolean {
  const haystack = `${subject}\n${text}`.toLowerCase();
  if (REQUEST_WORDS.test(haystack)) return true;
  const names = catalogue.products.flatMap((p) => [p.name, ...p.synonyms]).concat(catalogue.related);
  return names.some((n) => n.length > 2 && haystack.includes(n.toLowerCase()));
}

function laterKinds(
  mail: ParsedMail,
  bodyText: string,
  signals: readonly SpamSignal[],
  ctx: UnderstandContext,
): Evidence {
  const notice = parsePlatformNotice(mail);
  if (notice) {
    return notice.inquiry
      ? { kind: 'platform_inquiry', platform: notice.platform, inquiry: notice.inquiry }
      : { kind: 'other', reason: 'platform_notice' };
  }
  const form = parseFormSubmission(mail);
  if (form) return { kind: 'form_inquiry', form };
  if (isBulkMail(mail)) return { kind: 'other', reason: 'bulk' };
  if (isNoReplySender(mail)) return { kind: 'other', reason: 'no_reply_sender' };
  if (signals.includes('supplier_solicitation')) return { kind: 'other', reason: 'supplier_solicitation' };
  return isLikelyRequest(bodyText, mail.subject, ctx.catalogue)
    ? { kind: 'inquiry' }
    : { kind: 'other', reason: 'no_request' };
}

/** A buyer on the blacklist makes any inquiry kind spam, whoever relayed it. */
function buyerAddress(e: Evidence, mail: ParsedMail): string | null {
  if (e.kind === 'platform_inquiry') return e.inquiry.buyerEmail;
  if (e.kind === 'form_inquiry') return e.form.email;
  if (e.kind === 'forwarded_inquiry') return e.original.from?.address ?? null;
  if (e.kind === 'inquiry') return mail.from?.address ?? null;
  return null;
}

export async function classify(mail: ParsedMail, ctx: UnderstandContext): Promise<Classification> {
  const stripped = stripReply(mail.text);
  const base = { bodyText: stripped.body, signature: stripped.signature };
  const done = (
    evidence: Evidence,
    inReplyTo: string | null,
    spamSignals: SpamSignal[] = [],
  ): Classification => ({
    evidence,
    inReplyTo,
    spamSignals,
    ...base,
  });
  const match = matchReply(mail, ctx);

  const bounce = detectBounce(mail);
  if (bounce) return done({ kind: 'bounce', bounce }, match?.messageId ?? returnedMessageId(mail, ctx));
  const headerKind = headerLevelKind(mail);
  const autoReply = detectAutoReply(mail);
  if (autoReply) return done({ kind: 'auto_reply', autoReply }, match?.messageId ?? null);
  if (headerKind === 'auto_reply') {
    const info: AutoReplyInfo = {
      returnDate: null,
      leftCompany: false,
      alternateContact: null,
      reason: 'rfc3834',
    };
    return done({ kind: 'auto_reply', autoReply: info }, match?.messageId ?? null);
  }
  // Delay warnings, success DSNs and RFC 5965 feedback reports: machine notices about our mail.
  if (headerKind === 'bounce' || isDeliveryNotice(mail))
    return done({ kind: 'other', reason: 'delivery_notice' }, null);
  if (!mail.from?.address) return done({ kind: 'other', reason: 'no_sender' }, null);

  const ours = isOurAddress(ctx, mail.from.address);
  const websiteForm = ours ? parseFormSubmission(mail) : null;
  if (ours && !websiteForm) {
    const outbound = await fromUs(mail, ctx);
    if (outbound) return finish(done(outbound, null), mail, ctx);
    const verdict = detectSpam(mail, mail.text, ctx);
    return done(
      verdict.isSpam ? { kind: 'spam' } : { kind: 'other', reason: 'internal' },
      null,
      verdict.signals,
    );
  }

  const unsubscribe = detectUnsubscribe(mail, stripped.body);
  if (match) {
    const evidence: Evidence = unsubscribe
      ? { kind: 'unsubscribe', request: unsubscribe }
      : { kind: 'reply', via: match.via };
    return done(evidence, match.messageId);
  }
  if (unsubscribe) return done({ kind: 'unsubscribe', request: unsubscribe }, null);

  const verdict = detectSpam(mail, mail.text, ctx);
  if (verdict.isSpam) return done({ kind: 'spam' }, null, verdict.signals);
  return finish(
    done(laterKinds(mail, stripped.body, verdict.signals, ctx), null, verdict.signals),
    mail,
    ctx,
  );
}

function finish(c: Classification, mail: ParsedMail, ctx: UnderstandContext): Classification {
  const buyer = buyerAddress(c.evidence, mail);
  if (buyer && isBlacklisted(ctx, buyer)) {
    return {
      ...c,
      evidence: { kind: 'spam' },
      spamSignals: [...new Set([...c.spamSignals, 'blacklisted' as const])],
    };
  }
  return c;
}
