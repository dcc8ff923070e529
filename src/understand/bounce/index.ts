/**
 * Bounce understanding: is this message a delivery-failure notice, for which recipient,
 * and is the failure permanent (hard) or transient (soft)?
 *
 * Standard DSNs (RFC 3464 inside RFC 6522 multipart/report) are read field by field;
 * other notices (qmail, Exim, Sendmail, Exchange, Gmail, Chinese providers...) by their
 * wording. Not bounces: delay warnings and success DSNs (RFC 3464 Action delayed /
 * delivered / relayed), RFC 5965 feedback reports, challenge-response requests.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { readDeliveryReport } from './report.ts';
import type { BounceInfo } from './types.ts';

export { readDeliveryReport } from './report.ts';
export type { BounceInfo, DeliveryRecipient, DeliveryReport } from './types.ts';

/**
 * Null when the message is not a final delivery failure. A notice naming several
 * recipients answers for the first; `readDeliveryReport` gives them all. The recipient is
 * the address as the sender wrote it (Original-Recipient when the MTA reports one), so it
 * matches the contact the mail was sent to even when the domain rewrote it to an alias.
 */
export function detectBounce(mail: ParsedMail): BounceInfo | null {
  const report = readDeliveryReport(mail);
  if (report?.kind !== 'bounce') return null;
  const first = report.recipients[0];
  if (!first) return { recipient: null, permanent: true, status: null, diagnostic: null };
  return {
    recipient: first.originalRecipient ?? first.recipient,
    permanent: first.permanent,
    status: first.status,
    diagnostic: first.diagnostic,
  };
}
