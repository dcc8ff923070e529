import { describe, expect, it } from 'vitest';
import { detectBounce, readDeliveryReport } from '../../../src/understand/bounce/index.ts';
import { dsn, mail } from './bounce-mails.ts';

describe('detectBounce: standard DSNs (RFC 3464)', () => {
  it('reads recipient, status and diagnostic of a hard failure', async () => {
    const m = await dsn(
      'Final-Recipient: rfc822; Buyer@Importer.de\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <buyer@importer.de>: User unknown',
    );
    expect(detectBounce(m)).toEqual({
      recipient: 'buyer@importer.de',
      permanent: true,
      status: '5.1.1',
      diagnostic: '550 5.1.1 <buyer@importer.de>: User unknown',
    });
  });

  it('treats a 4.x.x failure (mailbox full) as soft', async () => {
    const m = await dsn(
      'Final-Recipient: rfc822; buyer@importer.de\nAction: failed\nStatus: 4.2.2\nDiagnostic-Code: smtp; 452 4.2.2 Mailbox full',
    );
    expect(detectBounce(m)).toMatchObject({
      recipient: 'buyer@importer.de',
      permanent: false,
      status: '4.2.2',
    });
  });

  it('answers with the address the sender used when the MTA rewrote it (Original-Recipient)', async () => {
    const m = await dsn(
      'Final-Recipient: rfc822; b.meier@mail.importer.de\nOriginal-Recipient: rfc822; buyer@importer.de\nAction: failed\nStatus: 5.1.1',
    );
    expect(detectBounce(m)?.recipient).toBe('buyer@importer.de');
    expect(readDeliveryReport(m)?.recipients[0]).toMatchObject({
      recipient: 'b.meier@mail.importer.de',
      originalRecipient: 'buyer@importer.de',
    });
  });

  it('lists every failed recipient and skips the delivered ones', async () => {
    const m = await dsn(
      [
        'Final-Recipient: rfc822; a@importer.de\nAction: failed\nStatus: 5.1.1',
        'Final-Recipient: rfc822; b@importer.de\nAction: delivered\nStatus: 2.0.0',
        'Final-Recipient: rfc822; c@importer.de\nAction: failed\nStatus: 4.4.7',
      ].join('\n\n'),
    );
    const report = readDeliveryReport(m);
    expect(report?.kind).toBe('bounce');
    expect(report?.recipients.map((r) => [r.recipient, r.permanent])).toEqual([
      ['a@importer.de', true],
      ['c@importer.de', false],
    ]);
  });

  it('does not call delay warnings or success DSNs bounces', async () => {
    const delayed = await dsn('Final-Recipient: rfc822; buyer@importer.de\nAction: delayed\nStatus: 4.4.1');
    expect(detectBounce(delayed)).toBeNull();
    expect(readDeliveryReport(delayed)?.kind).toBe('delay');
    const delivered = await dsn(
      'Final-Recipient: rfc822; buyer@importer.de\nAction: delivered\nStatus: 2.0.0',
    );
    expect(detectBounce(delivered)).toBeNull();
    expect(readDeliveryReport(delivered)?.kind).toBe('success');
  });

  it('does not call an ARF feedback report (RFC 5965) a bounce', async () => {
    const m = await mail(
      {
        From: 'abuse@mail.example.net',
        To: 'sales@factory.cn',
        Subject: 'Abuse report',
        'Content-Type': 'multipart/report; report-type=feedback-report; boundary="B"',
      },
      `--B
Content-Type: text/plain

This is an email abuse report.
--B
Content-Type: message/feedback-report

Feedback-Type: abuse
Original-Rcpt-To: buyer@importer.de
--B--
`,
    );
    expect(detectBounce(m)).toBeNull();
  });

  it('does not call a challenge-response request a bounce even inside a DSN', async () => {
    const m = await dsn(
      'Final-Recipient: rfc822; buyer@importer.de\nAction: failed\nStatus: 4.7.0\nDiagnostic-Code: X-Notice; Sender not pre-approved',
      'Your message has been waitlisted. Please click the link below to be added to my Guest List.',
    );
    expect(detectBounce(m)).toBeNull();
  });
});

describe('detectBounce: non-standard notices', () => {
  it('reads an Exchange NDR ("Delivery has failed to these recipients or groups")', async () => {
    const m = await mail(
      {
        From: 'Microsoft Outlook <postmaster@importer.onmicrosoft.com>',
        To: 'sales@factory.cn',
        Subject: 'Undeliverable: Quotation for LED panels',
        'Content-Type': 'text/plain; charset=us-ascii',
      },
      `Delivery has failed to these recipients or groups:

Hans Meier (hans.meier@importer.de)
The e-mail address you entered couldn't be found. Please check the recipient's e-mail address and try to resend the message.

Diagnostic information for administrators:

Generating server: AM0PR01MB1234.eurprd01.prod.outlook.com

hans.meier@importer.de
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
`,
    );
    expect(detectBounce(m)).toMatchObject({
      recipient: 'hans.meier@importer.de',
      permanent: true,
      status: '5.1.10',
    });
  });

  it('reads an HTML-only Office 365 NDR', async () => {
    const m = await mail(
      {
        From: 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@importer.de>',
        To: 'sales@factory.cn',
        Subject: 'Undeliverable: Price list',
        'Content-Type': 'text/html; charset=utf-8',
      },
      `<html><body><p><b>Your message to anna@importer.de couldn't be delivered.</b></p>
<p>anna wasn't found at importer.de.</p>
<p>Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'</p></body></html>`,
    );
    expect(detectBounce(m)).toMatchObject({
      recipient: 'anna@importer.de',
      permanent: true,
      status: '5.1.1',
    });
  });

  it('reads a Gmail "Address not found" notice without a DSN part', async () => {
    const m = await mail(
      {
        From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
        To: 'sales.factory@gmail.com',
        Subject: 'Delivery Status Notification (Failure)',
        'Content-Type': 'text/plain; charset=UTF-8',
      },
      `** Address not found **

Your message wasn't delivered to buyer.usa@gmail.com because the address couldn't be found, or is unable to receive mail.

Learn more here: https://support.google.com/mail/?p=NoSuchUser

The response was:

The email account that you tried to reach does not exist.
`,
    );
    expect(detectBounce(m)).toMatchObject({ recipient: 'buyer.usa@gmail.com', permanent: true });
  });

  it('reads the older Gmail "failed permanently" notice', async () => {
    const m = await mail(
      {
        From: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
        To: 'sales.factory@gmail.com',
        Subject: 'Delivery Status Notification (Failure)',
      },
      `Delivery to the following recipient failed permanently:

     buyer@importer.com.au

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the recipient domain.
The error that the other server returned was: 550 5.1.1 <buyer@importer.com.au>... User unknown
`,
    );
    expect(detectBounce(m)).toMatchObject({
      recipient: 'buyer@importer.com.au',
      permanent: true,
      status: '5.1.1',
    });
  });

  it('reads a qmail failure notice', async () => {
    const m = await mail(
      { From: 'MAILER-DAEMON@mail.importer.it', To: 'sales@factory.cn', Subject: 'failure notice' },
      `Hi. This is the qmail-send program at mail.importer.it.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<acquisti@importer.it>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

To: acquisti@importer.it
From: sales@factory.cn
`,
    );
    expect(detectBounce(m)).toMatchObject({
      recipient: 'acquisti@importer.it',
      permanent: true,
      status: '5.1.1',
    });
  });

  it('reads an Exim notice and its X-Failed-Recipients header', async () => {
    const m = await mail(
      {
        From: 'Mail Delivery System <Mailer-Daemon@mx.importer.co.uk>',
        To: 'sales@factory.cn',
        Subject: 'Mail delivery failed: returning message to sender',
        'X-Failed-Recipients': 'orders@importer.co.uk',
        'Auto-Submitted': 'auto-replied',
      },
      `This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  orders@importer.co.uk
    mailbox is full: retry timeout exceeded

------ This is a copy of the message, including all the headers. ------
From: sales@factory.cn
`,
    );
    expect(detectBounce(m)).toMatchObject({ recipient: 'orders@importer.co.uk', permanent: false });
  });

  it('reads a Sendmail transcript without DSN part', async () => {
    const m = await mail(
      {
        From: 'Mail Delivery Subsystem <MAILER-DAEMON@mail.importer.com>',
        To: 'sales@factory.cn',
        Subject: 'Returned mail: see transcript for details',
      },
      `The original message was received at Thu, 20 Nov 2026 10:00:00 GMT

   ----- The following addresses had permanent fatal errors -----
<purchasing@importer.com>
    (reason: 550 5.1.1 <purchasing@importer.com>... User unknown)

   ----- Transcript of session follows -----
... while talking to mx.importer.com.:
>>> RCPT To:<purchasing@importer.com>
<<< 550 5.1.1 <purchasing@importer.com>... User unknown
550 5.1.1 <purchasing@importer.com>... User unknown
`,
    );
    expect(detectBounce(m)).toMatchObject({
      recipient: 'purchasing@importer.com',
      permanent: true,
      status: '5.1.1',
    });
  });
});
