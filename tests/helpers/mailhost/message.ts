/**
 * Builds raw RFC 5322 messages for tests: CRLF line endings, RFC 2047 encoded words for
 * non-ASCII header text, a text/plain body (or multipart/alternative when `html` is given).
 */
import { randomBytes } from 'node:crypto';

export interface MessageSpec {
  /** "Name <addr>" or a bare address. */
  from: string;
  to: string | string[];
  cc?: string | string[];
  replyTo?: string;
  subject: string;
  body: string;
  html?: string;
  /** With angle brackets; generated when absent. */
  messageId?: string;
  inReplyTo?: string;
  references?: string | string[];
  date?: Date;
  /** Extra headers; a name that matches a generated header replaces it. */
  headers?: Record<string, string>;
}

const CRLF = '\r\n';

const isAscii = (text: string) => /^[\x20-\x7e\t]*$/.test(text);

/** RFC 2047 B-encoded words of at most 75 characters, split on code points. */
export function encodeWords(text: string): string {
  if (isAscii(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    // 45 bytes encode to 60 base64 characters, plus 12 for "=?UTF-8?B?" and "?=".
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

/** Encodes the display name of "Name <addr>" when it is not ASCII (RFC 5322 section 3.4). */
function encodeAddress(address: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(address);
  if (!match || isAscii(match[1]!)) return address;
  return `${encodeWords(match[1]!)} <${match[2]}>`;
}

const addressList = (value: string | string[]) =>
  (Array.isArray(value) ? value : [value]).map(encodeAddress).join(', ');

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 section 3.3 date-time in UTC, e.g. "Tue, 01 Jul 2025 10:00:00 +0000". */
export function rfc5322Date(date: Date): string {
  return (
    `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** A text part: 7bit when possible, 8bit for short UTF-8 lines, base64 past 998 octets (RFC 5322 2.1.1). */
function textPart(type: 'plain' | 'html', text: string): { headers: string[]; body: string } {
  const lines = text.replace(/\r?\n/g, '\n').split('\n');
  const tooLong = lines.some((line) => Buffer.byteLength(line, 'utf8') > 998);
  const headers = [`Content-Type: text/${type}; charset=utf-8`];
  if (tooLong) {
    const b64 = Buffer.from(text, 'utf8').toString('base64');
    return {
      headers: [...headers, 'Content-Transfer-Encoding: base64'],
      body: (b64.match(/.{1,76}/g) ?? []).join(CRLF),
    };
  }
  const encoding = lines.every((line) => isAscii(line)) ? '7bit' : '8bit';
  return { headers: [...headers, `Content-Transfer-Encoding: ${encoding}`], body: lines.join(CRLF) };
}

export function makeMessage(spec: MessageSpec): string {
  const generated: [string, string][] = [
    ['From', addressList(spec.from)],
    ['To', addressList(spec.to)],
  ];
  if (spec.cc !== undefined) generated.push(['Cc', addressList(spec.cc)]);
  if (spec.replyTo !== undefined) generated.push(['Reply-To', addressList(spec.replyTo)]);
  generated.push(
    ['Subject', encodeWords(spec.subject)],
    ['Date', rfc5322Date(spec.date ?? new Date())],
    ['Message-ID', spec.messageId ?? `<${randomBytes(8).toString('hex')}@trademail.test>`],
  );
  if (spec.inReplyTo !== undefined) generated.push(['In-Reply-To', spec.inReplyTo]);
  if (spec.references !== undefined) {
    generated.push([
      'References',
      Array.isArray(spec.references) ? spec.references.join(' ') : spec.references,
    ]);
  }
  generated.push(['MIME-Version', '1.0']);

  const extra = Object.entries(spec.headers ?? {});
  const overridden = new Set(extra.map(([name]) => name.toLowerCase()));
  const headerLines = [
    ...generated.filter(([name]) => !overridden.has(name.toLowerCase())),
    ...extra.map(([name, value]): [string, string] => [name, encodeWords(value)]),
  ].map(([name, value]) => `${name}: ${value}`);

  const plain = textPart('plain', spec.body);
  if (spec.html === undefined) {
    return [...headerLines, ...plain.headers, '', plain.body, ''].join(CRLF);
  }
  const html = textPart('html', spec.html);
  const boundary = `=_tm_${randomBytes(6).toString('hex')}`;
  return [
    ...headerLines,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    ...plain.headers,
    '',
    plain.body,
    `--${boundary}`,
    ...html.headers,
    '',
    html.body,
    `--${boundary}--`,
    '',
  ].join(CRLF);
}
