/**
 * Auto-reply understanding: vacation / out-of-office / autoresponder mail, the date the
 * person is back, and whether they left the company (with the successor's address).
 *
 * Evidence, strongest first: RFC 3834 headers, vendor headers and the subject prefixes
 * mail systems write, then body wording. A body alone must carry several independent
 * signals and no inquiry wording, so a buyer who mentions being "out of office" is not
 * mistaken for a responder. Delivery notices, feedback reports and challenge-response
 * requests are never auto-replies, even though MTAs mark them Auto-Submitted too.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { readDeliveryReport } from '../bounce/report.ts';
import { isChallengeResponse, isDeliveryStatusReport, isFeedbackReport } from '../bounce/signals.ts';
import { memo } from '../memo.ts';
import { outOfOfficeSignals } from './content.ts';
import { decisiveHeader, supportingHeader } from './headers.ts';
import { alternateContactIn, hasLeftCompany } from './left-company.ts';
import { ownText } from './own-text.ts';
import { returnDateOf } from './return-date.ts';
import { autoReplySubject } from './subject.ts';

export { headerLevelKind } from './header-kind.ts';

export interface AutoReplyInfo {
  /** YYYY-MM-DD */
  returnDate: string | null;
  leftCompany: boolean;
  /** email */
  alternateContact: string | null;
  reason: 'rfc3834' | 'vendor_header' | 'content';
}

/** Longer than this, a text with no header evidence reads as a person writing. */
const SHORT_TEXT = 1500;

function ownAddresses(mail: ParsedMail): Set<string> {
  const own = new Set<string>();
  for (const a of [mail.from, mail.sender, ...mail.replyTo, ...mail.to, ...mail.cc]) {
    if (a?.address) own.add(a.address);
  }
  return own;
}

/**
 * Why the mail reads as automatic, or null. The content signals, the leaver wording and the
 * leaver's contact are read as the decision reaches them: a long inquiry with no header
 * evidence needs only the "automatic" wording.
 */
function reasonOf(
  mail: ParsedMail,
  text: string,
  left: () => boolean,
  alternate: () => boolean,
): AutoReplyInfo['reason'] | null {
  const header = decisiveHeader(mail);
  if (header) return header;
  const subject = autoReplySubject(mail.subject);
  if (subject === 'strong') return 'vendor_header';
  const s = outOfOfficeSignals(text);
  const anySignal = () => s.absence() || s.automatic() || s.returnPromise() || s.urgent() || left();
  if (supportingHeader(mail) && (subject === 'weak' || anySignal())) return 'vendor_header';
  if (subject === 'weak' && anySignal()) return 'content';
  const short = text.trim().length < SHORT_TEXT;
  if (s.automatic() && (s.absence() || left())) return 'content';
  // Platform notices also say "automatically generated" and "we will respond": below
  // this line inquiry wording or length means a request, not a responder.
  if (!short || s.inquiry()) return null;
  if ((s.automatic() || s.absence()) && (s.returnPromise() || s.urgent())) return 'content';
  if (left() && alternate()) return 'content';
  return null;
}

/**
 * Mail clients' one-click unsubscribe (RFC 2369 List-Unsubscribe mailto) sends a mail
 * marked auto-replied; it is the recipient opting out, not a responder.
 */
const UNSUBSCRIBE_REQUEST = /^\s*unsubscribe\b/i;

function isMachineNotice(mail: ParsedMail): boolean {
  return (
    isFeedbackReport(mail) ||
    isDeliveryStatusReport(mail) ||
    mail.reportType === 'disposition-notification' ||
    UNSUBSCRIBE_REQUEST.test(mail.subject) ||
    readDeliveryReport(mail) !== null
  );
}

export function detectAutoReply(mail: ParsedMail): AutoReplyInfo | null {
  if (isMachineNotice(mail)) return null;
  const text = ownText(mail);
  if (isChallengeResponse(text)) return null;
  const left = memo(() => hasLeftCompany(text));
  // The alternate contact decides only for a sender who has left (reasonOf asks after left),
  // and is reported only for a responder: most mail is neither, and its text is not searched.
  const contact = memo(() => alternateContactIn(text, ownAddresses(mail)));
  const reason = reasonOf(mail, text, left, () => contact() !== null);
  if (!reason) return null;
  return {
    returnDate: left() ? null : returnDateOf(`${mail.subject}\n${text}`, mail.date),
    leftCompany: left(),
    alternateContact: contact(),
    reason,
  };
}
