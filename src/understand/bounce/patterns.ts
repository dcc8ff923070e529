/**
 * Where each MTA dialect names the failed address. Every pattern is global and captures
 * the address in group 1. Kept as data so a new dialect is one line.
 */

/** An address as MTAs print it; the domain ends on a letter or digit, not on punctuation. */
const ADDR = String.raw`([^\s<>()"'\[\]:]+@[A-Za-z0-9#\[](?:[^\s<>()"'\[\],;:]*[A-Za-z0-9\]])?)`;

function pattern(source: string, flags = 'gim'): RegExp {
  return new RegExp(source.replaceAll('ADDR', ADDR), flags);
}

export const ANCHORED_PATTERNS: RegExp[] = [
  // qmail: "<user@example.com>:" alone on a line, reason below.
  pattern(String.raw`^<ADDR>:?[ \t]*$`, 'gm'),
  // Postfix: "<user@example.com>: host mx said: 550 ..." or "(expanded from <x>): ..."
  pattern(String.raw`^<ADDR>(?: \(expanded from <[^>]*>\))?:[ \t]+\S`, 'gm'),
  // Exim (some builds) and 1&1: "user@example.com:" alone on a line.
  pattern(String.raw`^ADDR:[ \t]*$`, 'gm'),
  // Sendmail: "550 5.1.1 <user@example.com>... User unknown"
  // (not the "<<<" echo of the remote reply, which may quote the sender).
  pattern(String.raw`^[ \t]*[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}[ \t]+)?<?ADDR>?\.\.\.[ \t]`, 'gm'),
  // Gmail (2014+): "Your message wasn't delivered to user@example.com because ..."
  pattern("(?:wasn'?t|was not|couldn'?t be|could not be) delivered to <?ADDR>? because"),
  // Generic sentences: "could not be delivered to: <user@example.com>", "error delivering
  // your mail to <user@example.com>", "delivery to user@example.com failed".
  pattern(
    String.raw`(?:could not be delivered to|couldn'?t be delivered to|was not delivered to|error delivering (?:your )?(?:mail|message) to|unable to deliver (?:your )?(?:mail |message )?to|failed to deliver (?:your )?(?:mail |message )?to|undeliverable to|delivery to|not delivered to)[ \t]*:?[ \t]*<?ADDR>?(?=[\s.,;:)]|$)`,
  ),
  // "The address to which your message was addressed, user@example.com, did not ..."
  pattern(String.raw`address\s+to\s+which\s+your\s+message\s+was\s+addressed,?\s*<?ADDR>?`),
  // PMDF / Sun Messaging Server: "Recipient address: user@example.com"
  pattern(
    String.raw`^[ \t]*(?:Recipient address|Failed recipient|Invalid recipient|Intended recipient|Recipient|Bad address)[ \t]*:[ \t]*<?ADDR>?[ \t]*$`,
  ),
  // Chinese providers: "收件人：user@example.com", "无法发送到 user@example.com"
  pattern(
    String.raw`(?:收件人|收信人|收件地址|接收者|收件者)(?:地址)?[ \t]*[:：]?[ \t]*<?ADDR>?(?=[\s，,。)）]|$)`,
    'gm',
  ),
  pattern(
    String.raw`(?:无法(?:发送|投递|送达)到|发送到|投递到|发给|寄给)[ \t]*<?ADDR>?(?=[\s，,。)）的]|$)`,
    'gm',
  ),
];

/**
 * Sentences that introduce a list of failed addresses; the addresses are on the lines
 * that follow (see `listed` in plain.ts).
 */
export const LIST_INTRODUCTIONS: RegExp[] = [
  // Exim: "The following address(es) failed:"; Sendmail: "----- The following addresses
  // had permanent fatal errors -----"
  /following address(?:es|\(es\))?\s+(?:had\s+(?:permanent\s+|transient\s+)?(?:fatal\s+)?(?:delivery\s+)?errors|failed)[^\n]*\n/gi,
  // Exchange 2003: "did not reach the following recipient(s):"
  /did not reach the following recipients?(?:\(s\))?[^\n]*\n/gi,
  // Exchange 2007+: "Delivery has failed to these recipients or groups:"
  /delivery has failed to these recipients or groups:?[^\n]*\n/gi,
  // Gmail (before 2014): "Delivery to the following recipient failed permanently:"
  /delivery to the following recipients? (?:failed|has been delayed|was delayed)[^\n]*\n/gi,
  // OpenSMTPD: "...while attempting to deliver a message for the following list of recipients:"
  /for the following list of recipients:?[^\n]*\n/gi,
  // Exim delay warning: "The address to which the message has not yet been delivered is:"
  /the address(?:es)? to which the message has not yet been delivered (?:is|are):?[^\n]*\n/gi,
  // Smail: "|---- Failed addresses follow: ----|"
  /failed addresses follow:?[^\n]*\n/gi,
  // Generic: "could not be delivered to the following recipients:", "these recipients:"
  /(?:following|these) (?:recipients?|addresses|address\(es\)|recipient\(s\)|e-?mail addresses)\b[^\n]*:[ \t]*\n/gi,
  /以下(?:收件人|地址|邮件地址)[^\n]*[:：][ \t]*\n/g,
];
