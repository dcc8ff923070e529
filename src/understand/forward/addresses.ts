/**
 * Mailbox lists as clients print them in a forwarded header block (not RFC 5322 syntax):
 * `"Ann Lee"<ann@x.com>;` (Foxmail / QQ), `Ann Lee <ann@x.com>`, `Ann Lee [mailto:ann@x.com]`
 * (Outlook), `Ann <ann@x.com<mailto:ann@x.com>>` (Outlook web), `ann@x.com`, `Ann Lee` (name
 * only, Outlook 2019 plain text). Addresses are lowercased as everywhere in the pipeline.
 */
import type { MailAddress } from '../../ingest/mail.ts';

const MAX_LIST_CHARS = 4000;
const EMAIL = /[\w.!#$%&*+/=?^`{|}~-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/;
const QUOTES = /^["'“”‘’「」]+|["'“”‘’「」]+$/g;

/** Splits on `;` and `,` outside quotes, <>, [] and (). */
function splitTopLevel(value: string): { part: string; sep: string }[] {
  const parts: { part: string; sep: string }[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '<' || ch === '[' || ch === '(')) depth++;
    else if (!quoted && (ch === '>' || ch === ']' || ch === ')')) depth = Math.max(0, depth - 1);
    if (!quoted && depth === 0 && (ch === ';' || ch === ',' || ch === '；' || ch === '，')) {
      parts.push({ part: current, sep: ch });
      current = '';
      continue;
    }
    current += ch;
  }
  parts.push({ part: current, sep: '' });
  return parts;
}

export function parseMailbox(raw: string): MailAddress | null {
  const text = raw.replace(/mailto:/gi, '').trim();
  if (text === '') return null;
  const email = EMAIL.exec(text);
  if (!email) return { address: '', name: text.replace(QUOTES, '').trim() };
  const address = email[0].toLowerCase();
  // The display name is what precedes the first bracket/address; `addr (Name)` puts it after.
  const bracket = text.search(/[<[(]/);
  const clean = (s: string): string => s.replace(QUOTES, '').trim().replace(QUOTES, '').trim();
  let name = clean(bracket > 0 ? text.slice(0, bracket) : bracket < 0 ? text.slice(0, email.index) : '');
  if (name.toLowerCase() === address) name = '';
  const trailing = /\(([^)]+)\)\s*$/.exec(text);
  if (name === '' && trailing) name = clean(trailing[1]!);
  return { address, name };
}

/**
 * Parses a To / Cc / From value into mailboxes. A comma inside an unquoted display name
 * ("Doe, John <john@x.com>") is rejoined: a piece with no address before a piece that has one
 * belongs to it.
 */
export function parseMailboxList(value: string): MailAddress[] {
  const pieces = splitTopLevel(value.slice(0, MAX_LIST_CHARS));
  const merged: string[] = [];
  let pending = '';
  for (const { part, sep } of pieces) {
    const text = pending === '' ? part : `${pending},${part}`;
    const hasAddress = EMAIL.test(part);
    if (!hasAddress && sep === ',' && pieces.some((p) => EMAIL.test(p.part))) {
      pending = text;
      continue;
    }
    merged.push(text);
    pending = '';
  }
  if (pending !== '') merged.push(pending);
  return merged
    .map(parseMailbox)
    .filter((m): m is MailAddress => m !== null && (m.address !== '' || m.name !== ''));
}
