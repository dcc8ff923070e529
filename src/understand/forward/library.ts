/**
 * Adapter over `email-forward-parser` (crisp-oss), which knows the forward formats of Gmail,
 * Outlook (2013/2019/Live/new), Apple Mail, Thunderbird, Yahoo, HubSpot, IONOS, MailMate and
 * Missive in ~25 locales. Its result is mapped onto our shape; a "forward" without any
 * original sender (the library can flag one from the subject alone) is not reported.
 */
import EmailForwardParser, { type EmailForwardMailbox } from 'email-forward-parser';
import type { MailAddress } from '../../ingest/mail.ts';
import { toLf } from '../../mail/line-breaks.ts';
import type { InlineForward } from './types.ts';

const parser = new EmailForwardParser();

/**
 * The library's regexes backtrack polynomially on lines with many "," "<" ">" "\"" (measured:
 * one 3 KB line "Dne a,<a,<..." takes 5 s, 6 KB 45 s, a 300-char one 7 ms; with under 20
 * such characters a line costs ~0.2 ms per KB). So it sees at most MAX_LINES lines, a line with
 * more than MAX_DELIMITERS of them cut to SHORT_CAP characters (at the last "," or ";", so no
 * address is cut in half) and any line cut to LONG_CAP. Cut lines are put back into the note
 * and body it returns, and the lines it did not see are appended to the body. A To/Cc list
 * cut that way loses its tail.
 */
const MAX_LINES = 300;
const MAX_DELIMITERS = 20;
const SHORT_CAP = 200;
const LONG_CAP = 2000;
const DELIMITERS = /[,;<>"«»“”„[\]|]/g;

interface LibraryInput {
  text: string;
  /** Each cut line as the library returns it (no quote marks, no indentation) -> full line. */
  restore: Map<string, string>;
  /** The lines after MAX_LINES, which the library did not see. */
  tail: string;
}

const unquote = (line: string): string => line.replace(/^[>\s]+/, '');

function cutLine(line: string): string {
  const risky = (line.slice(0, LONG_CAP).match(DELIMITERS)?.length ?? 0) > MAX_DELIMITERS;
  const head = line.slice(0, risky ? SHORT_CAP : LONG_CAP);
  if (!risky) return head;
  const lastSeparator = Math.max(head.lastIndexOf(','), head.lastIndexOf(';'));
  return lastSeparator > 0 ? head.slice(0, lastSeparator) : head;
}

function libraryInput(text: string): LibraryInput {
  const all = toLf(text).split('\n');
  const restore = new Map<string, string>();
  const seen = all.slice(0, MAX_LINES).map((line) => {
    if (line.length <= SHORT_CAP) return line;
    const cut = cutLine(line);
    if (cut === line) return line;
    restore.set(unquote(cut), unquote(line));
    return cut;
  });
  return { text: seen.join('\n'), restore, tail: all.slice(MAX_LINES).join('\n') };
}

function restoreLines(value: string, restore: Map<string, string>): string {
  if (restore.size === 0) return value;
  return value
    .split('\n')
    .map((line) => restore.get(unquote(line)) ?? line)
    .join('\n');
}

function toAddress(m: EmailForwardMailbox | null | undefined): MailAddress | null {
  if (!m) return null;
  const address = (m.address ?? '').trim().toLowerCase();
  const name = (m.name ?? '').trim();
  return address === '' && name === '' ? null : { address, name };
}

function toList(v: EmailForwardMailbox | EmailForwardMailbox[] | null | undefined): MailAddress[] {
  const list = v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
  return list.map(toAddress).filter((m): m is MailAddress => m !== null);
}

export function readLibraryForward(text: string, subject: string | undefined): InlineForward | null {
  const input = libraryInput(text);
  const r = parser.read(input.text, subject === undefined ? null : subject.slice(0, SHORT_CAP));
  if (!r.forwarded) return null;
  const from = toAddress(r.email.from);
  if (!from) return null;
  const message = r.message === null ? '' : restoreLines(r.message, input.restore).trim();
  const note = message === '' ? null : message;
  return {
    note,
    original: {
      from,
      to: toList(r.email.to),
      cc: toList(r.email.cc),
      subject: r.email.subject === null || r.email.subject === '' ? null : r.email.subject,
      date: r.email.date ?? null,
      body: `${restoreLines(r.email.body ?? '', input.restore)}\n${input.tail}`.trim(),
    },
    // The library does not report where the forward starts; its note is the text above it.
    offset: note === null ? 0 : note.length,
  };
}
