/**
 * Hard or soft: is the failure permanent? Decided from the most specific evidence first:
 * an RFC 3463 enhanced status code (class 5 = permanent, 4 = persistent transient), then
 * an RFC 5321 reply code (5yz / 4yz), then wording. With no evidence at all a final
 * failure notice counts as permanent: the MTA gave up.
 */

/**
 * A failure-class (4 or 5) RFC 3463 code standing on its own: not part of an IP address or
 * a version number. Success codes (2.x.x) in transcripts are not evidence of failure.
 */
const ENHANCED_CODE = /(?<![\d.])([45])\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/;
/** Reply code followed by an enhanced code: "550 5.1.1", "550-5.1.1", "550 #5.1.1". */
const REPLY_THEN_ENHANCED = /(?<![\d.])([45]\d\d)[ -]#?([45]\.\d{1,3}\.\d{1,3})(?![\d]|\.\d)/;
/** qmail and friends append the code as "(#5.1.1)". */
const HASH_ENHANCED = /#([45]\.\d{1,3}\.\d{1,3})(?![\d]|\.\d)/;
/** A bare RFC 5321 reply code where MTAs put one: line start, after "said:", "SMTP error". */
const REPLY_CODE = /(?:^|[\s:;>"'(\]]|said:\s*)([45][0-5]\d)(?=[ -]\S|[,;)]|$|\s*$)/m;

export function enhancedStatusIn(text: string): string | null {
  const paired = REPLY_THEN_ENHANCED.exec(text);
  if (paired) return paired[2]!;
  const hashed = HASH_ENHANCED.exec(text);
  if (hashed) return hashed[1]!;
  const bare = ENHANCED_CODE.exec(text);
  return bare ? `${bare[1]}.${bare[2]}.${bare[3]}` : null;
}

export function replyCodeIn(text: string): string | null {
  const m = REPLY_CODE.exec(text);
  return m ? m[1]! : null;
}

/** Wording that says the failure will not go away by retrying. */
const HARD_WORDS =
  /\b(?:user unknown|unknown user|no such (?:user|mailbox|recipient|address|account|domain)|(?:mailbox|user|recipient|address|account) (?:does not|doesn't) exist|does not exist|not found|(?:could not|couldn'?t|cannot|can'?t) be found|wasn'?t found|address rejected|invalid (?:recipient|address|mailbox)|mailbox unavailable|permanent(?:ly)? (?:error|failure|fatal|failed)|host unknown|unknown host|domain not found|account (?:has been )?(?:disabled|closed|deactivated)|no longer (?:active|valid|exists?))\b|不存在|无效的?(?:收件人|地址)|永久/i;

/** Wording of transient conditions: full mailbox, greylisting, rate limits, timeouts. */
const SOFT_WORDS =
  /\b(?:mailbox (?:is )?full|over (?:the )?quota|quota exceeded|exceed(?:s|ed)? (?:the |its |their )?(?:storage|quota)|insufficient (?:storage|disk)|temporar(?:y|ily)|transient|try (?:again )?later|greylist(?:ed|ing)?|graylist(?:ed|ing)?|rate limit(?:ed)?|too many (?:connections|messages|recipients)|deferred|will (?:be )?retr(?:y|ied)|still (?:be )?(?:trying|retrying)|retry time(?:out)? (?:exceeded|reached)|all hosts have been failing|message expired|expired in queue|too long in (?:the )?queue)\b|邮箱(?:已满|空间不足)|容量不足|稍后(?:再试|重试)|暂时/i;

export type Permanence = { permanent: boolean; status: string | null };

/**
 * What `text` says about permanence, or null when it says nothing: codes first (RFC 3463
 * enhanced, then RFC 5321 reply), then wording. `status` is the DSN Status field when
 * there is one.
 */
export function permanenceEvidence(status: string | null, text: string): Permanence | null {
  const remote = enhancedStatusIn(text);
  // The remote server's own code wins over a reporting MTA that downgraded it.
  const code = remote && status && remote[0] !== status[0] ? remote : (status ?? remote);
  if (code) return { permanent: code.startsWith('5'), status: code };
  const reply = replyCodeIn(text);
  if (reply) return { permanent: reply.startsWith('5'), status: null };
  if (HARD_WORDS.test(text)) return { permanent: true, status: null };
  if (SOFT_WORDS.test(text)) return { permanent: false, status: null };
  return null;
}

/**
 * Permanence of one failed recipient. `status` is the DSN Status field when there is one;
 * `diagnostic` the remote server's words (Diagnostic-Code or the text around the address).
 * A final failure notice that gives no reason counts as permanent: the MTA gave up.
 */
export function permanenceOf(status: string | null, diagnostic: string | null): Permanence {
  return permanenceEvidence(status, diagnostic ?? '') ?? { permanent: true, status: null };
}

/** Where the remote server's reply starts in free text: "550 5.1.1 ...", "452-4.2.2 ...". */
const REPLY_START = /(?<![\d.])[45]\d\d[ -](?=\S)/;

/**
 * The remote server's reply quoted in a plain-text notice, from its reply code to the
 * end of the paragraph, without the wrapping the notice put around it ("(in reply to RCPT
 * TO command)", closing brackets or quotes). Null when the text quotes no reply.
 */
export function quotedReply(text: string): string | null {
  const start = REPLY_START.exec(text);
  if (!start) return null;
  const paragraph = text.slice(start.index).split(/\n[ \t]*\n/)[0] ?? '';
  let depth = 0;
  let end = paragraph.length;
  for (let i = 0; i < paragraph.length; i++) {
    const c = paragraph[i];
    if (c === '(' || c === '（') depth++;
    if (c === ')' || c === '）') depth--;
    if (depth < 0) {
      end = i;
      break;
    }
  }
  const reply = paragraph
    .slice(0, end)
    .replace(/\(in reply to [^)]*\)?/i, '')
    .replace(/\s+/g, ' ')
    .replace(/['"’”。.,;\s]+$/, '')
    .trim();
  return reply === '' ? null : reply;
}
