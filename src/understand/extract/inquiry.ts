/**
 * The trade facts of one inquiry, read from its subject and body (quotes and the signature cut
 * off first, so a quoted offer of ours or the buyer's address never counts as the request).
 */
import { extractCertifications } from './certifications.ts';
import { countDetailFacts, detailScoreOf } from './detail.ts';
import { detectLanguage } from './language.ts';
import { extractPaymentTerms } from './payment.ts';
import { extractPrice } from './price.ts';
import { freeTextProducts, matchCatalogue } from './products.ts';
import { countBeforeProducts, extractQuantity } from './quantity.ts';
import { asksForEverything, detectSampleRequest, detectUrgency, hasGenericWording } from './signals.ts';
import { findSignatureStart } from './signature.ts';
import { normalizeText, stripQuoted } from './text.ts';
import { extractTradeTerms } from './trade-terms.ts';
import type { Catalogue, InquiryFields } from './types.ts';

/** Reply/forward prefixes in the subject (RFC 5322 "Re:" and localised forms). */
const SUBJECT_PREFIX_RE = /^(?:\s*(?:re|fw|fwd|aw|wg|rv|tr|sv|vs|antw|回复|答复|转发)\s*[:：]\s*)+/i;

/**
 * A generic-worded mail (catalogue, price list, "Dear Sir/Madam") stays generic when it gives
 * no specific fact beyond naming a product, or names no product and at most this many facts.
 */
const GENERIC_MAX_FACTS_WITHOUT_PRODUCT = 1;

function inquiryText(body: string): string {
  const lines = stripQuoted(normalizeText(body)).split('\n');
  const start = findSignatureStart(lines, false);
  return (start >= 0 ? lines.slice(0, start) : lines).join('\n').trim();
}

export function extractInquiry(body: string, subject: string, catalogue: Catalogue): InquiryFields {
  const content = inquiryText(body);
  const subjectText = normalizeText(subject).replace(SUBJECT_PREFIX_RE, '').trim();
  const text = subjectText ? `${subjectText}\n${content}` : content;

  const matches = matchCatalogue(text, catalogue);
  const relatedOnly = matches.ours.length === 0 && matches.related.length > 0;
  const freeText = matches.ours.length > 0 || relatedOnly ? null : freeTextProducts(text);
  const products = freeText?.products ?? (relatedOnly ? matches.related : matches.ours);
  const mentions = freeText?.at ?? (relatedOnly ? matches.relatedAt : matches.oursAt);

  const quantity = extractQuantity(text) ?? countBeforeProducts(text, mentions);
  const terms = extractTradeTerms(text);
  const price = extractPrice(text);
  const certifications = extractCertifications(text);
  const paymentTerms = extractPaymentTerms(text);

  const facts = countDetailFacts(text, {
    product: products.length > 0,
    quantity: quantity !== null,
    incoterm: terms.incoterm !== null,
    port: terms.port !== null,
    certification: certifications.length > 0,
    targetPrice: price.targetPrice !== null,
    payment: paymentTerms !== null,
  });
  // Counted up to FULL_DETAIL_FACTS only, far above the generic test's thresholds below.
  const specificFacts = facts - (products.length > 0 ? 1 : 0);
  // The generic wording is read only when the facts leave the answer open: a detailed
  // inquiry is specific whatever greeting it opens with.
  const genericRequest =
    asksForEverything(text) ||
    ((specificFacts === 0 || (products.length === 0 && specificFacts <= GENERIC_MAX_FACTS_WITHOUT_PRODUCT)) &&
      hasGenericWording(text));

  const languageSample = content.length >= 40 ? content : text;
  return {
    products,
    quantity: quantity?.quantity ?? null,
    unit: quantity?.unit ?? null,
    incoterm: terms.incoterm,
    incotermPlace: terms.incotermPlace,
    port: terms.port,
    targetPrice: price.targetPrice,
    currency: price.currency,
    certifications,
    paymentTerms,
    sampleRequest: detectSampleRequest(text),
    urgency: detectUrgency(text),
    language: detectLanguage(languageSample),
    detailScore: detailScoreOf(facts),
    genericRequest,
    relatedOnly,
  };
}
