/**
 * The responder's own words: the body up to the first quoted line or quoted-message
 * header. Many responders quote the mail they answer, and that mail's wording (a buyer's
 * inquiry, say) must not be read as the responder's.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { bodyText } from '../bounce/text.ts';

const QUOTE_STARTS: RegExp[] = [
  /^>/m,
  /^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|mensagem original|исходное сообщение|原始邮件|原始郵件|forwarded message)\s*-{2,}/im,
  /^\s*on .{5,200}wrote:\s*$/im,
  /^\s*am .{5,120}schrieb .{0,80}:\s*$/im,
  /^\s*le .{5,120}a écrit\s*:\s*$/im,
  /^\s*el .{5,120}escribió\s*:\s*$/im,
  /^\s*em .{5,120}escreveu\s*:\s*$/im,
  /^\s*(?:from|von|de|от|发件人|寄件者)\s*[:：].*\n\s*(?:sent|gesendet|envoyé|enviado|отправлено|发送时间|寄件日期|date|datum|to|an|à|para|кому|收件人)\s*[:：]/im,
];

/** At most this much of the body is read: responders are short. */
const MAX_CHARS = 4000;

export function ownText(mail: ParsedMail): string {
  const body = bodyText(mail);
  let end = body.length;
  for (const start of QUOTE_STARTS) {
    const m = start.exec(body);
    if (m && m.index < end) end = m.index;
  }
  return body.slice(0, Math.min(end, MAX_CHARS));
}
