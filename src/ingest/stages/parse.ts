/**
 * Stage: parse. Raw RFC 5322 bytes in, plain `ParsedMail` out (mailparser does the MIME work).
 * Throws a PARSE_FAILED TrademailError; the pipeline runner quarantines on it.
 */
import type { AddressObject, EmailAddress, ParsedMail as MpParsed } from 'mailparser';
import { TrademailError } from '../../errors.ts';
import { mailparser } from '../../lazy-packages.ts';
import type { MailAddress, MailAttachment, ParsedMail } from '../mail.ts';

function flattenAddresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (!value) return [];
  const objects = Array.isArray(value) ? value : [value];
  const out: MailAddress[] = [];
  const visit = (entries: EmailAddress[]): void => {
    for (const e of entries) {
      // RFC 5322 groups ("undisclosed-recipients:;") nest their members.
      if (e.group) visit(e.group);
      else out.push({ address: (e.address ?? '').trim().toLowerCase(), name: (e.name ?? '').trim() });
    }
  };
  for (const o of objects) visit(o.value);
  return out;
}

function headerText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(headerText).join(', ');
  if (typeof value === 'object') {
    const v = value as { text?: string; value?: unknown; params?: Record<string, string> };
    if (typeof v.text === 'string') return v.text;
    if (typeof v.value === 'string') {
      const params = v.params
        ? Object.entries(v.params)
            .map(([k, p]) => `; ${k}=${p}`)
            .join('')
        : '';
      return v.value + params;
    }
  }
  return String(value);
}

function normaliseId(id: string | undefined | null): string | null {
  const trimmed = (id ?? '').trim();
  if (!trimmed) return null;
  return trimmed.startsWith('<') ? trimmed : `<${trimmed}>`;
}

function referencesOf(value: string | string[] | undefined): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : value.split(/\s+/);
  return list.map((r) => normaliseId(r)).filter((r): r is string => r !== null);
}

function toAttachment(a: MpParsed['attachments'][number]): MailAttachment {
  const contentType = (a.contentType ?? 'application/octet-stream').toLowerCase();
  const keep = contentType === 'message/rfc822' || contentType.startsWith('message/');
  return {
    filename: a.filename ?? null,
    contentType,
    size: a.size ?? a.content?.length ?? 0,
    content: keep ? a.content : null,
  };
}

/** Converts mailparser's result into the pipeline's plain shape. Exported for tests. */
export function fromMailparser(p: MpParsed): ParsedMail {
  const headers: Record<string, string[]> = {};
  for (const line of p.headerLines ?? []) {
    const name = line.key.toLowerCase();
    if (!name) continue;
    const value = p.headers.get(name);
    if (!headers[name]) headers[name] = [];
    // headerLines keeps every occurrence raw; mailparser's decoded map only the last, so
    // repeated headers (Received, Auto-Submitted twice) are kept from the raw lines.
    const raw = line.line.slice(line.line.indexOf(':') + 1).trim();
    headers[name]!.push(value !== undefined && headers[name]!.length === 0 ? headerText(value) || raw : raw);
  }
  const ct = p.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const from = flattenAddresses(p.from)[0] ?? null;
  const senderHeader = p.headers.get('sender') as AddressObject | undefined;
  return {
    messageId: normaliseId(p.messageId),
    inReplyTo: normaliseId(p.inReplyTo),
    references: referencesOf(p.references),
    subject: p.subject ?? '',
    date: p.date && !Number.isNaN(p.date.getTime()) ? p.date : null,
    from,
    sender: flattenAddresses(senderHeader)[0] ?? null,
    replyTo: flattenAddresses(p.replyTo),
    to: flattenAddresses(p.to),
    cc: flattenAddresses(p.cc),
    headers,
    contentType: (ct?.value ?? 'text/plain').toLowerCase(),
    reportType: ct?.params?.['report-type']?.toLowerCase() ?? null,
    text: p.text ?? '',
    html: typeof p.html === 'string' ? p.html : null,
    attachments: (p.attachments ?? []).map(toAttachment),
  };
}

/**
 * Old Mac mail stores (and some exports) end lines with a bare CR. mailparser splits on LF
 * only, so such a message would parse as one endless header; RFC 5322 2.1 says CRLF.
 */
export function normaliseLineEndings(raw: Buffer): Buffer {
  if (raw.includes(0x0a) || !raw.includes(0x0d)) return raw;
  return Buffer.from(raw.toString('latin1').replace(/\r/g, '\r\n'), 'latin1');
}

export async function parseStage(raw: Buffer): Promise<ParsedMail> {
  if (raw.length === 0) throw new TrademailError('PARSE_FAILED', 'empty message: no bytes to parse');
  try {
    const parsed = await mailparser().simpleParser(normaliseLineEndings(raw), {
      skipImageLinks: true,
      keepCidLinks: false,
      // textAsHtml (the text part HTML-escaped, its links found by linkify-it) is never read
      // here; building it took a quarter of the pure stages' CPU on a 5 KB inquiry.
      skipTextToHtml: true,
    });
    if (!(parsed.headerLines ?? []).some((l) => l.key && l.line.includes(':'))) {
      // RFC 5322 3.6: a message has at least an origination date and an originator. Bytes with
      // no header field at all are not mail (a truncated upload, a server artefact).
      throw new TrademailError('PARSE_FAILED', 'no header fields: this is not an RFC 5322 message');
    }
    return fromMailparser(parsed);
  } catch (cause) {
    if (cause instanceof TrademailError) throw cause;
    throw new TrademailError('PARSE_FAILED', `mailparser could not parse the message: ${String(cause)}`, {
      cause,
    });
  }
}
