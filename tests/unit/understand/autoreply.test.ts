import { describe, expect, it } from 'vitest';
import type { ParsedMail } from '../../../src/ingest/mail.ts';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { detectAutoReply, headerLevelKind } from '../../../src/understand/autoreply/index.ts';
import { detectBounce } from '../../../src/understand/bounce/index.ts';

const NOV_20 = 'Fri, 20 Nov 2026 10:00:00 +0000';

/** Builds and parses a UTF-8 plain-text message (base64 body, so any script survives). */
async function mail(headers: Record<string, string>, body: string): Promise<ParsedMail> {
  const all = {
    'MIME-Version': '1.0',
    Date: NOV_20,
    From: 'Contact <contact@importer.example>',
    To: 'sales@factory.example',
    Subject: 'Re: Quotation',
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Transfer-Encoding': 'base64',
    ...headers,
  };
  const head = Object.entries(all)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n');
  const encoded =
    Buffer.from(body, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g)
      ?.join('\r\n') ?? '';
  return parseStage(Buffer.from(`${head}\r\n\r\n${encoded}\r\n`, 'utf8'));
}

function subject(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

describe('detectAutoReply: headers', () => {
  it('accepts RFC 3834 Auto-Submitted and reads the return date', async () => {
    const m = await mail(
      { 'Auto-Submitted': 'auto-replied' },
      'Thanks for your mail. I am back on 5 December.',
    );
    expect(detectAutoReply(m)).toEqual({
      returnDate: '2026-12-05',
      leftCompany: false,
      alternateContact: null,
      reason: 'rfc3834',
    });
  });

  it('does not count Auto-Submitted: no', async () => {
    const m = await mail({ 'Auto-Submitted': 'no' }, 'Please send the catalogue.');
    expect(detectAutoReply(m)).toBeNull();
  });

  it('leaves auto-generated list mail (newsletters, platform notices) to classification', async () => {
    const m = await mail(
      { 'Auto-Submitted': 'auto-generated', 'List-Unsubscribe': '<mailto:unsub@news.example>' },
      'Our new catalogue is out.',
    );
    expect(detectAutoReply(m)).toBeNull();
  });

  it('accepts vendor headers: X-Autoreply, Precedence: auto_reply', async () => {
    expect((await mail({ 'X-Autoreply': 'yes' }, 'Received, thank you.').then(detectAutoReply))?.reason).toBe(
      'vendor_header',
    );
    expect((await mail({ Precedence: 'auto_reply' }, 'Received.').then(detectAutoReply))?.reason).toBe(
      'vendor_header',
    );
  });

  it('does not take Precedence: bulk alone for a reply', async () => {
    const m = await mail({ Precedence: 'bulk' }, 'Dear all, our office moves next month.');
    expect(detectAutoReply(m)).toBeNull();
  });

  it('needs more than the Exchange inbox-rules header: rule-forwarded mail carries it too', async () => {
    const headers = { 'X-MS-Exchange-Inbox-Rules-Loop': 'buyer@importer.example' };
    expect(detectAutoReply(await mail(headers, 'Please quote 500 pcs FOB Ningbo.'))).toBeNull();
    const ooo = await mail(headers, 'I am currently out of the office.');
    expect(detectAutoReply(ooo)?.reason).toBe('vendor_header');
  });

  it('accepts the subject prefixes responders write, in several languages', async () => {
    for (const s of [
      'Automatic reply: Quotation',
      'AUTO: Smith, John is out of the office',
      'Abwesenheitsnotiz: Angebot',
      'Réponse automatique : Devis',
      'Respuesta automática: Cotización',
      'Resposta automática: Cotação',
      'Автоответ: Предложение',
      '自动回复: 报价',
    ]) {
      const m = await mail({ Subject: subject(s) }, 'Thank you.');
      expect(detectAutoReply(m)?.reason, s).toBe('vendor_header');
    }
  });

  it('does not take a person answering an auto-reply for one', async () => {
    const m = await mail(
      { Subject: 'RE: Automatic reply: Quotation' },
      'Noted. Please send the price list when back.',
    );
    expect(detectAutoReply(m)).toBeNull();
  });
});

describe('detectAutoReply: out-of-office text without any header', () => {
  const cases: Array<[string, string, string]> = [
    ['English', 'I am out of the office until 5 December and will reply upon my return.', '2026-12-05'],
    [
      'English ISO date',
      'I am currently on leave, returning 2026-12-05. I will respond after my return.',
      '2026-12-05',
    ],
    [
      'English range',
      'I will be on vacation from 1 December to 8 December with limited access to email.',
      '2026-12-08',
    ],
    [
      'German',
      'Ich bin bis zum 5.12. nicht im Büro. Ihre Nachricht wird nach meiner Rückkehr bearbeitet.',
      '2026-12-05',
    ],
    [
      'Spanish',
      'Estoy fuera de la oficina hasta el 5 de diciembre. Responderé a su correo a mi regreso.',
      '2026-12-05',
    ],
    [
      'French',
      'Je suis absent du bureau. Je serai de retour à partir du 5 décembre et je répondrai à votre message à mon retour.',
      '2026-12-05',
    ],
    ['Portuguese', 'Estou de férias até 5 de dezembro. Responderei assim que voltar.', '2026-12-05'],
    ['Russian', 'Я в отпуске до 5 декабря. Отвечу после возвращения.', '2026-12-05'],
    ['Chinese', '您好，我目前正在休假，12月5日返回，返回后会尽快回复您的邮件。', '2026-12-05'],
  ];
  it.each(cases)('%s', async (_language, body, returnDate) => {
    const info = detectAutoReply(await mail({ Subject: subject('Re: Quotation') }, body));
    expect(info).toMatchObject({ reason: 'content', returnDate, leftCompany: false });
  });

  it('resolves a date without a year to its next occurrence after the mail date', async () => {
    const m = await mail(
      { Date: 'Sun, 20 Dec 2026 09:00:00 +0000', 'Auto-Submitted': 'auto-replied' },
      'I am on holiday and back in the office on 4 January.',
    );
    expect(detectAutoReply(m)?.returnDate).toBe('2027-01-04');
  });

  it('reports no return date when none is stated', async () => {
    const m = await mail(
      { 'Auto-Submitted': 'auto-replied' },
      'Thank you for your email. We will answer shortly.',
    );
    expect(detectAutoReply(m)).toMatchObject({ returnDate: null, reason: 'rfc3834' });
  });
});

describe('detectAutoReply: left the company', () => {
  const cases: Array<[string, string, string]> = [
    [
      'English',
      'John Smith is no longer with the company. Please contact jane.doe@importer.example for any inquiries.',
      'jane.doe@importer.example',
    ],
    [
      'Spanish',
      'Juan ya no trabaja en la empresa. Por favor contacte a maria@importer.example.',
      'maria@importer.example',
    ],
    [
      'German',
      'Herr Müller ist nicht mehr im Unternehmen tätig. Bitte wenden Sie sich an einkauf@importer.example.',
      'einkauf@importer.example',
    ],
    ['Chinese', '王先生已离职，请联系 li.na@importer.example 。', 'li.na@importer.example'],
  ];
  it.each(cases)('%s', async (_language, body, contact) => {
    const info = detectAutoReply(await mail({}, body));
    expect(info).toMatchObject({ leftCompany: true, alternateContact: contact, returnDate: null });
  });

  it('reads a retired-mailbox responder sent with a null Return-Path as a reply, not a bounce', async () => {
    const m = await mail(
      { 'Return-Path': '<>', From: 'purchasing@importer.example' },
      'This mailbox is no longer monitored. Please send your offers to sourcing@importer.example.',
    );
    expect(detectBounce(m)).toBeNull();
    expect(detectAutoReply(m)).toMatchObject({
      leftCompany: true,
      alternateContact: 'sourcing@importer.example',
    });
  });

  it('skips the responder’s own address when picking the alternate contact', async () => {
    const m = await mail(
      { 'Auto-Submitted': 'auto-replied', From: 'old@importer.example' },
      'This mailbox (old@importer.example) is no longer monitored; Tom has left the company. Please write to buying@importer.example.',
    );
    expect(detectAutoReply(m)).toMatchObject({
      leftCompany: true,
      alternateContact: 'buying@importer.example',
    });
  });
});

describe('detectAutoReply: people, not responders', () => {
  it('ignores a buyer who mentions being out of office and asks about delivery', async () => {
    const m = await mail(
      {},
      'Hi, sorry I was out of office last week. Please send your quotation for 500 pcs and the delivery time to Hamburg.',
    );
    expect(detectAutoReply(m)).toBeNull();
  });

  it('ignores a buyer announcing a trip together with an inquiry', async () => {
    const m = await mail(
      {},
      'I will be out of the office from 1 December until 10 December. Before that, please send the price list and samples. I will reply when I am back.',
    );
    expect(detectAutoReply(m)).toBeNull();
  });

  it('ignores a platform inquiry notice that calls itself automatically generated', async () => {
    const m = await mail(
      {
        From: 'Alibaba.com <notice@service.alibaba.example>',
        Subject: 'You have a new inquiry from Carlos Mendez',
      },
      'This is an automatically generated email. Carlos Mendez (Mexico) sent you an inquiry about LED panel lights, quantity 2,000 pcs. Please reply within 24 hours; we will respond to the buyer on your behalf if you do not.',
    );
    expect(detectAutoReply(m)).toBeNull();
  });

  it('ignores a short human note', async () => {
    expect(detectAutoReply(await mail({}, 'Thanks, received. Will check and revert.'))).toBeNull();
  });

  it('never calls a delivery notice an auto-reply, though MTAs mark them Auto-Submitted', async () => {
    const m = await mail(
      {
        From: 'Mail Delivery System <MAILER-DAEMON@mx.importer.example>',
        Subject: 'Mail delivery failed: returning message to sender',
        'Auto-Submitted': 'auto-replied',
      },
      'A message that you sent could not be delivered to one or more of its recipients. This is a permanent error. The following address(es) failed:\n\n  tom@importer.example\n    unknown user\n',
    );
    expect(detectAutoReply(m)).toBeNull();
  });
});

describe('headerLevelKind', () => {
  it('calls a DSN or a mail-system failure subject a bounce, before any Auto-Submitted', async () => {
    const dsn = await mail(
      {
        'Content-Type': 'multipart/report; report-type=delivery-status; boundary="B"',
        'Content-Transfer-Encoding': '7bit',
      },
      '',
    );
    expect(headerLevelKind(dsn)).toBe('bounce');
    const exim = await mail(
      {
        From: 'Mailer-Daemon@mx.example',
        Subject: 'Mail delivery failed: returning message to sender',
        'Auto-Submitted': 'auto-replied',
      },
      'x',
    );
    expect(headerLevelKind(exim)).toBe('bounce');
  });

  it('calls Auto-Submitted or a responder subject an auto-reply', async () => {
    expect(headerLevelKind(await mail({ 'Auto-Submitted': 'auto-replied' }, 'x'))).toBe('auto_reply');
    expect(headerLevelKind(await mail({ Subject: 'Automatic reply: Quotation' }, 'x'))).toBe('auto_reply');
  });

  it('leaves delay warnings and ordinary mail alone', async () => {
    const delay = await mail(
      {
        From: 'Mail Delivery System <MAILER-DAEMON@mx.example>',
        Subject: 'Warning: message 1abc delayed 24 hours',
        'Auto-Submitted': 'auto-replied',
      },
      'x',
    );
    expect(headerLevelKind(delay)).toBeNull();
    expect(headerLevelKind(await mail({}, 'Please quote.'))).toBeNull();
  });
});
