/**
 * RFC 3464 delivery-status fields. A message/delivery-status body is one per-message
 * block (Reporting-MTA, Arrival-Date...) followed by one block per recipient
 * (Final-Recipient, Action, Status, Diagnostic-Code...), separated by blank lines and
 * folded like message headers. Many MTAs get the separators wrong (no blank line between
 * recipients, fields inlined into the human-readable part), so a new recipient block also
 * starts whenever a recipient field repeats.
 */
import { normaliseAddress } from './addresses.ts';

export interface DsnRecipient {
  finalRecipient: string | null;
  originalRecipient: string | null;
  /** RFC 3464 section 2.3.3: failed | delayed | delivered | relayed | expanded. */
  action: string | null;
  status: string | null;
  diagnosticCode: string | null;
}

const RECIPIENT_FIELDS = new Set([
  'final-recipient',
  'original-recipient',
  'x-actual-recipient',
  'action',
  'status',
  'diagnostic-code',
  'remote-mta',
  'last-attempt-date',
  'will-retry-until',
  'final-log-id',
]);

interface Field {
  name: string;
  value: string;
}

/** Unfolds header-style lines into fields; a blank line or non-field line yields `null`. */
function fieldsOf(text: string): Array<Field | null> {
  const out: Array<Field | null> = [];
  let current: Field | null = null;
  for (const line of text.split('\n')) {
    if (current && /^[ \t]+\S/.test(line)) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    const m = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    current = m ? { name: m[1]!.toLowerCase(), value: m[2]!.trim() } : null;
    out.push(current);
  }
  return out;
}

function emptyRecipient(): DsnRecipient {
  return { finalRecipient: null, originalRecipient: null, action: null, status: null, diagnosticCode: null };
}

function hasContent(r: DsnRecipient): boolean {
  return r.finalRecipient !== null || r.originalRecipient !== null;
}

/** The address in a recipient field: "rfc822; user@example.com" (RFC 3464 section 2.3.2). */
function recipientValue(value: string): string | null {
  return normaliseAddress(value);
}

/** Per-recipient DSN blocks found anywhere in `text`, in order. */
export function parseDsnRecipients(text: string): DsnRecipient[] {
  const out: DsnRecipient[] = [];
  let current = emptyRecipient();
  const flush = (): void => {
    if (hasContent(current)) out.push(current);
    current = emptyRecipient();
  };
  for (const field of fieldsOf(text)) {
    if (field === null || !RECIPIENT_FIELDS.has(field.name)) {
      if (field === null && hasContent(current) && current.action !== null) flush();
      continue;
    }
    switch (field.name) {
      case 'final-recipient':
      case 'x-actual-recipient': {
        const address = recipientValue(field.value);
        if (field.name === 'final-recipient' && current.finalRecipient !== null) flush();
        if (address && (field.name === 'final-recipient' || current.finalRecipient === null))
          current.finalRecipient = address;
        break;
      }
      case 'original-recipient':
        if (current.originalRecipient !== null) flush();
        current.originalRecipient = recipientValue(field.value);
        break;
      case 'action':
        if (current.action !== null && hasContent(current)) flush();
        current.action = field.value.toLowerCase().split(/[\s;(]/)[0] ?? null;
        break;
      case 'status': {
        const code = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(field.value);
        if (code) current.status = `${code[1]}.${code[2]}.${code[3]}`;
        break;
      }
      case 'diagnostic-code':
        current.diagnosticCode = field.value.replace(/^[A-Za-z0-9-]+\s*;\s*/, '').trim() || null;
        break;
    }
  }
  flush();
  return out;
}

/** The address a DSN block names: Final-Recipient first, as the reporting MTA last saw it. */
export function dsnAddress(r: DsnRecipient): string | null {
  return r.finalRecipient ?? r.originalRecipient;
}
