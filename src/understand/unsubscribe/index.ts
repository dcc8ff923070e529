/**
 * Unsubscribe (opt-out) requests: a buyer, usually replying to one of our sequence mails,
 * asking us to stop. The address to suppress is the sender's. Only the new text is read
 * (quoted history removed by the caller), because our own quoted mail carries an opt-out line.
 * Mailing-list mail (RFC 2369 List-Unsubscribe, RFC 2919 List-Id, Precedence: bulk) is never a
 * request: its "unsubscribe" is a footer link.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { OPT_OUT_PATTERNS } from './phrases.ts';

export interface UnsubscribeRequest {
  /** The address to suppress (the sender). */
  address: string | null;
  /** Language of the phrase that matched. */
  language: string;
}

/** Longer bodies are real conversations that may mention opting out in passing. */
const MAX_REQUEST_CHARS = 1200;

/** Lines that describe how to unsubscribe (footers, legal text) rather than ask for it. */
// (?<!\w) and (?!\w) stand for \b, slow under the iu flags (word-boundary-patterns.test.ts).
const FOOTER_LINE =
  /(?:click|klicken|cliquez|haga clic|clique|fai clic|tıklay|нажмите|点击|點擊|点此|https?:\/\/|(?<!\w)if you (?:no longer )?(?:wish|want|prefer)|(?<!\w)to unsubscribe|(?<!\w)unsubscribe (?:here|link|at any time)|(?<!\w)si (?:ya )?no desea|(?<!\w)se não (?:deseja|quiser)|(?<!\w)si vous ne souhaitez|(?<!\w)wenn sie (?:keine|diese)|如果您?不(?:想|希望)|如不(?:想|希望)|(?<!\w)manage (?:your )?(?:preferences|subscription))/iu;

export function isBulkMail(mail: ParsedMail): boolean {
  const precedence = (mail.headers['precedence']?.[0] ?? '').toLowerCase();
  return (
    mail.headers['list-unsubscribe'] !== undefined ||
    mail.headers['list-id'] !== undefined ||
    precedence === 'bulk' ||
    precedence === 'list'
  );
}

/**
 * The text without its footer lines, NFKC-normalised and lower-cased; null as soon as it is
 * certain to be longer than `limit` once trimmed. Line by line, because the footer pattern
 * costs more than anything else here on a long mail, and a long body is not read at all.
 * (Neither NFKC nor lower-casing reaches across a line break, so per line is the same text.)
 */
function meaningfulText(text: string, limit = Number.POSITIVE_INFINITY): string | null {
  const kept: string[] = [];
  let offset = 0;
  let start = -1; // where the trimmed text starts in the joined lines
  for (const raw of text.split('\n')) {
    const line = raw.normalize('NFKC').toLowerCase();
    if (FOOTER_LINE.test(line)) continue;
    kept.push(line);
    const first = line.search(/\S/);
    if (first >= 0) {
      if (start < 0) start = offset + first;
      if (offset + line.trimEnd().length - start > limit) return null;
    }
    offset += line.length + 1;
  }
  return kept.join('\n');
}

/**
 * Detects an opt-out request in the subject or the new body text.
 * @param bodyText the message text with quoted history and signature removed
 */
export function detectUnsubscribe(mail: ParsedMail, bodyText: string): UnsubscribeRequest | null {
  if (isBulkMail(mail)) return null;
  const subject = meaningfulText(mail.subject) ?? '';
  const body = meaningfulText(bodyText, MAX_REQUEST_CHARS)?.trim() ?? null;
  const sources = body === null ? [subject] : [subject, body];
  for (const source of sources) {
    const hit = OPT_OUT_PATTERNS.find((o) => o.pattern.test(source));
    if (hit) return { address: mail.from?.address || null, language: hit.language };
  }
  return null;
}
