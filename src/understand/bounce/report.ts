/**
 * Reading a delivery notice of any kind: RFC 3464 DSN fields first, Amazon SES JSON,
 * then the wording of non-standard notices. Classifies it as a final failure (bounce),
 * a delay warning or a success report, with the recipients it names.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { autoReplySubject } from '../autoreply/subject.ts';
import { memo } from '../memo.ts';
import { type DsnRecipient, dsnAddress, parseDsnRecipients } from './dsn.ts';
import { plainRecipients } from './plain.ts';
import { readSesNotification } from './ses.ts';
import {
  hasBounceSubject,
  hasFailureWording,
  hasMtaWording,
  hasNullReturnPath,
  isChallengeResponse,
  isDaemonSender,
  isDeliveryStatusReport,
  isFeedbackReport,
  looksLikeDelay,
  looksLikeSuccess,
} from './signals.ts';
import { permanenceEvidence, permanenceOf, quotedReply } from './status.ts';
import { notificationText, withoutReturnedMessage } from './text.ts';
import type { DeliveryRecipient, DeliveryReport } from './types.ts';

const FAILED_ACTIONS = new Set(['failed', 'failure', 'undeliverable', 'bounced', 'rejected']);
const SUCCESS_ACTIONS = new Set(['delivered', 'relayed', 'expanded', 'deliverable']);

function diagnosticText(value: string | null): string | null {
  const squeezed = value?.replace(/\s+/g, ' ').trim() ?? '';
  return squeezed === '' ? null : squeezed.slice(0, 500);
}

function fromDsn(r: DsnRecipient): DeliveryRecipient | null {
  const recipient = dsnAddress(r);
  if (!recipient) return null;
  const { permanent, status } = permanenceOf(r.status, r.diagnosticCode);
  const original = r.originalRecipient && r.originalRecipient !== recipient ? r.originalRecipient : null;
  return {
    recipient,
    originalRecipient: original,
    permanent,
    status,
    diagnostic: diagnosticText(r.diagnosticCode),
  };
}

function isFailed(r: DsnRecipient): boolean {
  if (r.action !== null) return FAILED_ACTIONS.has(r.action);
  return r.status?.startsWith('5') ?? false;
}

function reportFromDsn(blocks: DsnRecipient[], mail: ParsedMail, text: string): DeliveryReport | null {
  const failed = blocks.filter(isFailed);
  if (failed.length > 0) {
    if (isChallengeResponse(withoutReturnedMessage(text))) return null;
    return { kind: 'bounce', recipients: failed.map(fromDsn).filter((r) => r !== null) };
  }
  const delayed = blocks.filter(
    (b) => b.action === 'delayed' || (b.action === null && b.status?.startsWith('4')),
  );
  if (delayed.length > 0) {
    return { kind: 'delay', recipients: delayed.map(fromDsn).filter((r) => r !== null) };
  }
  const succeeded = (b: DsnRecipient): boolean =>
    (b.action !== null && SUCCESS_ACTIONS.has(b.action)) || (b.status?.startsWith('2') ?? false);
  if (blocks.some(succeeded) || looksLikeSuccess(mail)) {
    return { kind: 'success', recipients: blocks.map(fromDsn).filter((r) => r !== null) };
  }
  return null;
}

function reportFromWording(mail: ParsedMail, text: string): DeliveryReport | null {
  const daemon = isDaemonSender(mail);
  // Responders also send with a null Return-Path (RFC 3834 section 3.3), and a
  // "this address no longer exists, please contact ..." responder is not an MTA.
  if (!daemon && autoReplySubject(mail.subject) === 'strong') return null;
  const nullReturnPath = hasNullReturnPath(mail);
  const subject = hasBounceSubject(mail);
  const report = isDeliveryStatusReport(mail);
  // Every kind of evidence below needs a mail-system sender, a null Return-Path, a bounce
  // subject or report structure. Ordinary mail has none of them, and its text is not searched
  // for returned-message markers (23 patterns over the whole text, 6% of reading a 5 KB inquiry).
  if (!daemon && !nullReturnPath && !subject && !report) return null;
  const notice = withoutReturnedMessage(text);
  // Each asked for twice below, and each a scan of the whole notice.
  const mtaWording = memo(() => hasMtaWording(notice));
  const delay = memo(() => looksLikeDelay(mail, notice));
  const fromSystem = daemon || (nullReturnPath && (mtaWording() || !mail.from?.address));
  // A person may write "delivery failed" in a subject and "returned to sender" in a body;
  // without a system sender or report structure only MTA-specific wording counts. So the
  // failure wording is read only with one of them: a mail with nothing but a bounce subject
  // is not scanned for sentences it cannot use.
  const wording = () => hasFailureWording(notice) || hasFailureWording(mail.subject) || delay();
  const evidence =
    ((fromSystem || report) && wording()) || (fromSystem && subject) || (subject && mtaWording());
  if (!evidence) return null;
  if (isChallengeResponse(notice)) return null;
  const found = plainRecipients(mail, text);
  const recipients = found.map(({ recipient, originalRecipient, context }) => {
    // A lone recipient owns the whole notice: its code may sit in another paragraph.
    const { permanent, status } =
      permanenceEvidence(null, context) ??
      (found.length === 1 ? permanenceEvidence(null, notice) : null) ??
      permanenceOf(null, null);
    const diagnostic = diagnosticText(
      quotedReply(context) ?? (found.length === 1 ? quotedReply(notice) : null) ?? context,
    );
    return { recipient, originalRecipient, permanent, status, diagnostic };
  });
  if (delay()) {
    return { kind: 'delay', recipients: recipients.map((r) => ({ ...r, permanent: false })) };
  }
  return { kind: 'bounce', recipients };
}

/**
 * Classification asks twice for each mail (is it a bounce; is it a machine notice rather than
 * an auto-reply), and reading the wording of a long mail is not cheap: the answer is kept per
 * parsed mail, which nothing changes after parsing.
 */
const reports = new WeakMap<ParsedMail, DeliveryReport | null>();

/** Reads any delivery notice: bounce, delay warning or success DSN. Null: not a notice. */
export function readDeliveryReport(mail: ParsedMail): DeliveryReport | null {
  let report = reports.get(mail);
  if (report === undefined) {
    report = readReport(mail);
    reports.set(mail, report);
  }
  return report;
}

function readReport(mail: ParsedMail): DeliveryReport | null {
  if (isFeedbackReport(mail)) return null;
  const text = notificationText(mail);
  const ses = readSesNotification(text);
  if (ses) return ses.kind === 'complaint' ? null : ses;
  const blocks = parseDsnRecipients(text);
  if (blocks.length > 0) {
    const report = reportFromDsn(blocks, mail, text);
    if (report) return report;
  }
  return reportFromWording(mail, text);
}
