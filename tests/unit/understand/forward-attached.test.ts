import { describe, expect, it } from 'vitest';
import { isTrademailError } from '../../../src/errors.ts';
import type { ParsedMail } from '../../../src/ingest/mail.ts';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { parseForward } from '../../../src/understand/forward/index.ts';

const ORIGINAL = [
  'From: =?UTF-8?B?5byg5LiJ?= <zhangsan@buyer.cn>',
  'To: sales@factory.cn',
  'Cc: "Li Lei" <LiLei@factory.cn>',
  'Subject: =?UTF-8?B?6K+i5Lu3IExFRCBwYW5lbHM=?=',
  'Date: Fri, 05 Jan 2024 10:30:00 +0800',
  'Message-ID: <orig-1@buyer.cn>',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: 8bit',
  '',
  '您好，请报价500件。',
  '',
].join('\r\n');

function forwardingMail(innerPart: string, text = 'See the attached inquiry.'): string {
  return [
    'From: Salesperson <me@factory.cn>',
    'To: inquiries@factory.cn',
    'Subject: FW: inquiry',
    'Message-ID: <fw-1@factory.cn>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--b1',
    'Content-Type: message/rfc822',
    'Content-Disposition: attachment; filename="inquiry.eml"',
    '',
    innerPart,
    '--b1--',
    '',
  ].join('\r\n');
}

async function parse(raw: string): Promise<ParsedMail> {
  return parseStage(Buffer.from(raw, 'utf8'));
}

describe('parseForward: forward as attachment (message/rfc822)', () => {
  it('reads the original sender, recipients, subject, date and body from the attached message', async () => {
    const mail = await parse(forwardingMail(ORIGINAL));
    const original = await parseForward(mail);
    expect(original).toEqual({
      from: { address: 'zhangsan@buyer.cn', name: '张三' },
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [{ address: 'lilei@factory.cn', name: 'Li Lei' }],
      subject: '询价 LED panels',
      date: '2024-01-05T02:30:00.000Z',
      body: '您好，请报价500件。',
      via: 'attachment',
    });
  });

  it('prefers an inline forward in the text over an attached message', async () => {
    const inline = [
      '---------- Forwarded message ---------',
      'From: John Smith <john@buyer.com>',
      'Date: Fri, Jan 5, 2024 at 10:30 AM',
      'Subject: Inquiry',
      'To: <sales@factory.cn>',
      '',
      'Dear Sir',
    ].join('\r\n');
    const original = await parseForward(await parse(forwardingMail(ORIGINAL, inline)));
    expect(original?.via).toBe('inline');
    expect(original?.from).toEqual({ address: 'john@buyer.com', name: 'John Smith' });
  });

  it('returns null for a mail that is neither an inline nor an attached forward', async () => {
    const mail = await parse('From: a@b.com\r\nTo: c@d.com\r\nSubject: hello\r\n\r\nJust a question.\r\n');
    expect(await parseForward(mail)).toBeNull();
  });

  it('throws PARSE_FAILED when the attached message has no bytes', async () => {
    const mail = await parse(forwardingMail(ORIGINAL));
    const broken: ParsedMail = {
      ...mail,
      text: '',
      attachments: mail.attachments.map((a) => ({ ...a, content: Buffer.alloc(0) })),
    };
    await expect(parseForward(broken)).rejects.toSatisfy((err: unknown) =>
      isTrademailError(err, 'PARSE_FAILED'),
    );
  });
});
