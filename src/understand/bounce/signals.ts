/**
 * Evidence that a message is (or is not) a delivery-failure notice, from headers and
 * wording. Standard DSNs announce themselves (RFC 3464 multipart/report); everything
 * else is recognised by who sent it, its subject and its wording.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { isMailSystemAddress } from './addresses.ts';

function header(mail: ParsedMail, name: string): string[] {
  return mail.headers[name] ?? [];
}

/** RFC 5321 section 4.5.5: notifications are sent with a null reverse-path ("<>"). */
export function hasNullReturnPath(mail: ParsedMail): boolean {
  return header(mail, 'return-path').some((v) => /^<?\s*>?$/.test(v.trim()));
}

/** Display names of mail software. Not "notification service" or "no-reply": couriers
 * and shops send "could not be delivered" notices about parcels from those. */
const DAEMON_NAMES =
  /mail(?:er)?[- ]?daemon|post_?master|mail delivery (?:sub)?system|delivery status notification|mail administrator|system administrator|mail ?system|mail delivery|internet mail delivery|microsoft outlook|邮件系统|系统管理员|系统邮件|退信|投递/i;

/** From (or Sender) is a mail system rather than a person. */
export function isDaemonSender(mail: ParsedMail): boolean {
  for (const who of [mail.from, mail.sender]) {
    if (!who) continue;
    if (who.address && isMailSystemAddress(who.address)) return true;
    if (DAEMON_NAMES.test(who.name) || DAEMON_NAMES.test(who.address.split('@')[0] ?? '')) return true;
  }
  return false;
}

const BOUNCE_SUBJECT =
  /undeliver|undelivered|returned mail|delivery status|failure delivery|failed mail|mail failed|error (?:sending|during delivery)|non-delivery|配信できません|return(?:ed)? to sender|delivery (?:status notification \((?:failure|failed)\)|failure|failed|has failed|problem|report|notification)|failure notice|failed delivery|mail delivery (?:failed|failure|error|system|subsystem)|could not be delivered|couldn'?t be delivered|not delivered|non[- ]?delivery|nondeliverable|mail system error|delivery errors?|\bNDN\b|\bNDR\b|rejected:|message rejected|mail could not|unable to deliver|permanent (?:error|failure)|returned message|bounced? mail|address not found|message not delivered|mail failure|error sending message|系统退信|退信|无法投递|投递失败|发送失败|被退回|未送达|unzustellbar|nicht zugestellt|non remis|non recapitabile|no se pudo entregar|não entregue|不達|エラー|届きません/i;

export function hasBounceSubject(mail: ParsedMail): boolean {
  return BOUNCE_SUBJECT.test(mail.subject);
}

/** Sentences that only delivery-failure notices contain. */
const FAILURE_WORDING =
  /could not be delivered|couldn'?t be delivered|wasn'?t delivered|was not delivered|not been delivered|undeliverable|delivery (?:has )?failed|delivery to the following recipients? failed|failed to deliver|unable to deliver|permanent (?:error|failure)|permanent fatal errors?|following address(?:es)?(?:\(es\))? failed|wasn'?t able to deliver|could not deliver|cannot be delivered|can'?t be delivered|(?:message|mail) (?:was |has been )?(?:rejected|returned|bounced)|failed addresses|returned to sender|user unknown|unknown user|no such (?:user|mailbox|address)|not a valid (?:user|recipient|address|mailbox)|mailbox (?:unavailable|not found|is full|full)|address rejected|host unknown|does not exist|delivery status notification|recipient address rejected|non-?delivery|not delivered|your message did not reach|did not reach the following recipient|delivery to .* failed|failed recipients?|could not reach|retry time(?:out)? exceeded|message expired|giving up|退信|无法(?:投递|送达|发送)|投递失败|发送失败|未能(?:成功)?(?:投递|送达|发送)|被退回|不存在/i;

export function hasFailureWording(text: string): boolean {
  return FAILURE_WORDING.test(text);
}

/**
 * Wording only mail software writes: SMTP reply and enhanced status codes, transcript
 * phrases, MTA boilerplate. Lets a notice from an unusual sender address count.
 */
const MTA_WORDING =
  /(?<![\d.])[45]\d\d[ -]#?[45]\.\d{1,3}\.\d{1,3}\b|\(#[45]\.\d\.\d+\)|permanent (?:error|failure)|permanent fatal errors?|following address(?:es|\(es\))?\s+failed|delivery to the following recipients? failed|could not be delivered to\s*(?:one or more|the following|:?\s*<?[^\s<>@]+@)|user unknown|unknown user|no such (?:user|mailbox)|mailbox (?:unavailable|not found)|recipient address rejected|diagnostic-code|remote server returned|mail delivery (?:software|subsystem|system)|message could not be delivered|系统退信|退信原因/i;

export function hasMtaWording(text: string): boolean {
  return MTA_WORDING.test(text);
}

/** RFC 5965 abuse/feedback reports. */
export function isFeedbackReport(mail: ParsedMail): boolean {
  return (
    mail.reportType === 'feedback-report' ||
    mail.attachments.some((a) => a.contentType === 'message/feedback-report')
  );
}

/** RFC 6522 multipart/report with report-type=delivery-status (RFC 3464). */
export function isDeliveryStatusReport(mail: ParsedMail): boolean {
  return (
    (mail.contentType === 'multipart/report' && mail.reportType === 'delivery-status') ||
    mail.attachments.some((a) => /^message\/(?:global-)?delivery-status$/.test(a.contentType))
  );
}

/**
 * Sender-verification ("challenge-response") requests: the recipient's filter holds the
 * mail until the sender proves to be a person. Not a failure of the address. The wording
 * must ask the sender to act (click, confirm, verify): a spam rejection that merely
 * mentions a whitelist is a real bounce.
 */
const CHALLENGE_WORDING =
  /not pre-?approved|guest list|waitlisted|sender verification|challenge[- ]response|spam ?arrest|requires confirmation|(?:verify|confirm) (?:that )?you are (?:a )?(?:real |human)|(?:click|visit|follow)[^.]{0,120}?(?:to|and) (?:be added|add yourself|have your (?:address|e-?mail(?: address)?) added|verify (?:your|that)|confirm (?:your|that|this))/i;

export function isChallengeResponse(text: string): boolean {
  return CHALLENGE_WORDING.test(text);
}

/**
 * Delay warnings: the MTA is still retrying (RFC 3464 Action: delayed). Some wording is
 * conclusive ("THIS IS A WARNING MESSAGE ONLY"); a "delayed" or "deferred" subject only
 * counts when the notice does not also say the message was returned for good.
 */
const DELAY_CERTAIN =
  /this is a warning (?:message )?only|you do not need to resend|no action is required on your part|this is only a temporary failure report|delivery attempts will continue|has not yet been delivered|have not yet been delivered|will (?:continue to )?(?:be )?retr(?:y|ied|ying)|will keep (?:on )?trying|will continue to try|has been postponed|delivery (?:is|has been) delayed|message (?:is|has been) delayed/i;
const DELAY_SUBJECT =
  /\bdelay(?:ed)?\b|warning: (?:could not send|message .* delayed)|still being retried|not yet (?:been )?delivered|delivery status notification \(delay\)|temporary (?:failure|delivery)|deferred/i;
const FINAL_WORDING =
  /returned mail|returning message|permanent(?:ly)? (?:error|failure|fatal)|failed permanently|fatal errors?|unsent message follows|has been returned|giving up|gave up|could not be delivered|delivery has failed|undeliverable/i;

export function looksLikeDelay(mail: ParsedMail, text: string): boolean {
  if (DELAY_CERTAIN.test(text) || /warning (?:message )?only/i.test(mail.subject)) return true;
  return DELAY_SUBJECT.test(mail.subject) && !FINAL_WORDING.test(mail.subject) && !FINAL_WORDING.test(text);
}

/** Success DSNs (RFC 3464 Action: delivered/relayed) announce themselves in the subject. */
export function looksLikeSuccess(mail: ParsedMail): boolean {
  return /delivery status notification \((?:success|relay)\)|successful mail delivery|delivered:|relayed:/i.test(
    mail.subject,
  );
}
