/**
 * The ingest pipeline's first look, from headers alone (no body parsing): is this a
 * delivery notice or an automatic reply? Delivery notices are checked first because MTAs
 * also mark them Auto-Submitted (RFC 3834 section 5 covers both).
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import {
  hasBounceSubject,
  hasNullReturnPath,
  isDaemonSender,
  isDeliveryStatusReport,
  isFeedbackReport,
} from '../bounce/signals.ts';
import { decisiveHeader } from './headers.ts';
import { autoReplySubject } from './subject.ts';

const DELAY_OR_SUCCESS_SUBJECT =
  /\bdelay(?:ed)?\b|warning: could not send|still being retried|\((?:delay|success|relay)\)|successful mail delivery/i;

export function headerLevelKind(mail: ParsedMail): 'bounce' | 'auto_reply' | null {
  if (isFeedbackReport(mail) || mail.reportType === 'disposition-notification') return null;
  const fromSystem = isDaemonSender(mail) || hasNullReturnPath(mail) || !mail.from?.address;
  const notice =
    isDeliveryStatusReport(mail) ||
    (mail.headers['x-failed-recipients'] ?? []).length > 0 ||
    (fromSystem && hasBounceSubject(mail));
  if (notice) return DELAY_OR_SUCCESS_SUBJECT.test(mail.subject) ? null : 'bounce';
  // A mail system's own notices (delay warnings and the like) are not replies.
  if (isDaemonSender(mail)) return null;
  if (decisiveHeader(mail) || autoReplySubject(mail.subject) === 'strong') return 'auto_reply';
  return null;
}
