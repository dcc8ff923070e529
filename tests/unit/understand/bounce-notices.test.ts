import { describe, expect, it } from 'vitest';
import { detectBounce, readDeliveryReport } from '../../../src/understand/bounce/index.ts';
import { base64, mail } from './bounce-mails.ts';

describe('readDeliveryReport: recipients of plain notices', () => {
  it('does not take the sender quoted in a transcript for a failed recipient', async () => {
    const m = await mail(
      {
        From: 'Mail Delivery Subsystem <MAILER-DAEMON@relay.factory.cn>',
        To: 'sales@factory.cn',
        Subject: 'Returned mail: see transcript for details',
      },
      `   ----- Transcript of session follows -----
550 5.1.1 <buyer@importer.com>... User unknown
553 5.1.8 <sales@factory.cn>... Domain of sender address does not exist
`,
    );
    expect(readDeliveryReport(m)?.recipients.map((r) => r.recipient)).toEqual(['buyer@importer.com']);
  });

  it('reports the address the sender used when the notice says it was expanded', async () => {
    const m = await mail(
      {
        From: 'MAILER-DAEMON@mx.importer.com',
        To: 'sales@factory.cn',
        Subject: 'Undelivered Mail Returned to Sender',
      },
      `I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<h.meier@mbox.importer.com> (expanded from <buyer@importer.com>): user unknown
`,
    );
    expect(readDeliveryReport(m)?.recipients[0]).toMatchObject({
      recipient: 'h.meier@mbox.importer.com',
      originalRecipient: 'buyer@importer.com',
    });
    expect(detectBounce(m)?.recipient).toBe('buyer@importer.com');
  });
});

describe('detectBounce: Chinese providers', () => {
  it('reads a QQ Mail 退信 notice', async () => {
    const m = await mail(
      {
        From: '=?UTF-8?B?57O757uf6YCA5L+h?= <PostMaster@qq.com>',
        To: 'sales@factory.cn',
        Subject: '=?UTF-8?B?6YCA5L+h?=',
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': 'base64',
      },
      base64(
        '很抱歉您的邮件被退回来了……\n\n原邮件信息：\n主　题： 报价单\n收件人： Zhang.Wei@Importer.com.sg\n\n退信原因：\n收件人邮箱地址不存在，请核实后重新发送。(550 Mailbox not found)\n',
      ),
    );
    expect(detectBounce(m)).toMatchObject({ recipient: 'zhang.wei@importer.com.sg', permanent: true });
  });

  it('reads a NetEase 系统退信 for a full mailbox as soft', async () => {
    const m = await mail(
      {
        From: 'Postmaster@163.com',
        To: 'factory2026@163.com',
        Subject: '=?UTF-8?B?57O757uf6YCA5L+h?=',
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': 'base64',
      },
      base64(
        '系统退信\n\n您发送的邮件无法投递到以下收件人：\nbuyer@importer.vn\n\n退信原因：对方邮箱已满，请稍后再试。\n',
      ),
    );
    expect(detectBounce(m)).toMatchObject({ recipient: 'buyer@importer.vn', permanent: false });
  });

  it('reads an Aliyun notice that names the address in a sentence', async () => {
    const m = await mail(
      {
        From: 'MAILER-DAEMON <mailer-daemon@aliyun.com>',
        To: 'sales@factory.cn',
        Subject: '=?UTF-8?B?5peg5rOV5oqV6YCS?=: Quotation',
        'Content-Type': 'text/plain; charset=UTF-8',
        'Content-Transfer-Encoding': 'base64',
      },
      base64('您好，您发送的邮件无法发送到 ahmed@importer.ae ，原因：550 5.1.1 用户不存在。\n'),
    );
    expect(detectBounce(m)).toMatchObject({
      recipient: 'ahmed@importer.ae',
      permanent: true,
      status: '5.1.1',
    });
  });
});

describe('detectBounce: what is not a bounce', () => {
  it('ignores a buyer who writes about failed deliveries', async () => {
    const m = await mail(
      {
        From: 'Tom Baker <tom@importer.com>',
        To: 'sales@factory.cn',
        Subject: 'Delivery failed - damaged goods',
      },
      'Hello,\n\nThe last delivery failed inspection and two cartons were returned to sender.\nPlease send a new quotation for 500 pcs.\n\nTom',
    );
    expect(detectBounce(m)).toBeNull();
    expect(readDeliveryReport(m)).toBeNull();
  });

  it('ignores a courier notice about a parcel that could not be delivered', async () => {
    const m = await mail(
      {
        From: 'Parcel Notification Service <noreply@courier.example>',
        To: 'sales@factory.cn',
        Subject: 'Delivery notification: your shipment could not be delivered',
      },
      'Dear customer,\n\nYour parcel 1Z999 could not be delivered today because nobody was at the address.\nWe will try again tomorrow.\n',
    );
    expect(detectBounce(m)).toBeNull();
  });

  it('ignores an out-of-office reply marked Auto-Submitted', async () => {
    const m = await mail(
      {
        From: 'Tom Baker <tom@importer.com>',
        To: 'sales@factory.cn',
        Subject: 'Automatic reply: Quotation',
        'Auto-Submitted': 'auto-replied',
      },
      'I am out of the office until 5 December with limited access to email.',
    );
    expect(detectBounce(m)).toBeNull();
  });

  it('still reads a mail-system bounce that is also marked Auto-Submitted: auto-replied', async () => {
    const m = await mail(
      {
        From: 'Mail Delivery System <Mailer-Daemon@mx.importer.com>',
        To: 'sales@factory.cn',
        Subject: 'Mail delivery failed: returning message to sender',
        'Auto-Submitted': 'auto-replied',
      },
      'A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  tom@importer.com\n    unknown user\n',
    );
    expect(detectBounce(m)).toMatchObject({ recipient: 'tom@importer.com', permanent: true });
  });
});
