/**
 * Mails for the bounce tests, built as text and parsed by the parse stage: any message, a
 * base64 body, and a standard delivery status notification (RFC 3464) around given fields.
 */
import type { ParsedMail } from '../../../src/ingest/mail.ts';
import { parseStage } from '../../../src/ingest/stages/parse.ts';

/** Builds and parses a message; `body` is used as is (CRLF added). */
export async function mail(headers: Record<string, string>, body: string): Promise<ParsedMail> {
  const head = Object.entries({ 'MIME-Version': '1.0', Date: 'Thu, 20 Nov 2026 10:00:00 +0000', ...headers })
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  return parseStage(Buffer.from(`${head}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`, 'utf8'));
}

export function base64(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g)
      ?.join('\n') ?? ''
  );
}

export function dsn(fields: string, human = 'Your message could not be delivered.'): Promise<ParsedMail> {
  return mail(
    {
      From: 'Mail Delivery System <MAILER-DAEMON@mx.factory.cn>',
      To: 'sales@factory.cn',
      Subject: 'Undelivered Mail Returned to Sender',
      'Content-Type': 'multipart/report; report-type=delivery-status; boundary="B"',
    },
    `--B
Content-Type: text/plain; charset=us-ascii

${human}

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.factory.cn

${fields}

--B
Content-Type: message/rfc822

From: sales@factory.cn
To: buyer@importer.de
Subject: Quotation

Dear buyer
--B--
`,
  );
}
