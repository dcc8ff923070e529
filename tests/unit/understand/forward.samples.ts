/**
 * Hand-written inline forwards in the formats of the clients our users run (Chinese clients
 * above all: no public corpus has them). Shared by forward.test.ts and
 * bench/understand-libs.ts, which scores the installed library on them too.
 */
import type { MailAddress } from '../../../src/ingest/mail.ts';

export interface ForwardSample {
  name: string;
  text: string;
  /** Subject of the forwarding mail. */
  subject: string;
  expect: {
    from: MailAddress;
    to: MailAddress[];
    cc: MailAddress[];
    subject: string;
    date: string;
    body: string;
    note: string | null;
  };
}

const BUYER: MailAddress = { address: 'john@buyer.com', name: 'John Smith' };
const BODY = 'Dear Sir,\n\nWe need 500 pcs of 60x60 LED panels, CIF Hamburg.\nPlease quote.\n\nJohn';
const SUBJECT = 'Inquiry for LED panels';

export const FORWARD_SAMPLES: readonly ForwardSample[] = [
  {
    name: 'Outlook zh-CN with rule line',
    subject: '转发: Inquiry for LED panels',
    text: `请跟进一下这个询盘。

________________________________
发件人: John Smith <john@buyer.com>
发送时间: 2024年1月5日 10:30
收件人: sales@factory.cn <sales@factory.cn>
抄送: Li Lei <lilei@factory.cn>
主题: Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [{ address: 'lilei@factory.cn', name: 'Li Lei' }],
      subject: SUBJECT,
      date: '2024年1月5日 10:30',
      body: BODY,
      note: '请跟进一下这个询盘。',
    },
  },
  {
    name: 'Outlook zh-CN desktop, full-width colons and [mailto:]',
    subject: 'FW: Inquiry for LED panels',
    text: `发件人： John Smith [mailto:John@Buyer.com]
发送时间： 2024年1月5日 星期五 10:30
收件人： 'sales@factory.cn'
抄送： 王芳; Li Lei <lilei@factory.cn>
主题： Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [
        { address: '', name: '王芳' },
        { address: 'lilei@factory.cn', name: 'Li Lei' },
      ],
      subject: SUBJECT,
      date: '2024年1月5日 星期五 10:30',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Foxmail / QQ Mail 原始邮件',
    subject: 'Fw：Inquiry for LED panels',
    text: `看看这个客户，很有潜力

------------------ 原始邮件 ------------------
发件人: "John Smith"<john@buyer.com>;
发送时间: 2024年1月5日(星期五) 上午10:30
收件人: "sales"<sales@factory.cn>;
抄送: "Li Lei"<lilei@factory.cn>;"Wang Fang"<wangfang@factory.cn>;
主题: Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: 'sales' }],
      cc: [
        { address: 'lilei@factory.cn', name: 'Li Lei' },
        { address: 'wangfang@factory.cn', name: 'Wang Fang' },
      ],
      subject: SUBJECT,
      date: '2024年1月5日(星期五) 上午10:30',
      body: BODY,
      note: '看看这个客户，很有潜力',
    },
  },
  {
    name: 'QQ Mail web, non-breaking spaces around 原始邮件',
    subject: '转发：Inquiry for LED panels',
    text: `\u00a0\n------------------\u00a0原始邮件\u00a0------------------
发件人:\u00a0"John Smith"<john@buyer.com>;
发送时间:\u00a02024年1月5日(星期五) 上午10:30
收件人:\u00a0"sales"<sales@factory.cn>;
主题:\u00a0Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: 'sales' }],
      cc: [],
      subject: SUBJECT,
      date: '2024年1月5日(星期五) 上午10:30',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'QQ Mail English Original',
    subject: 'Fw: Inquiry for LED panels',
    text: `FYI

------------------ Original ------------------
From: "John Smith"<john@buyer.com>;
Date: Fri, Jan 5, 2024 10:30 AM
To: "sales"<sales@factory.cn>;
Subject: Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: 'sales' }],
      cc: [],
      subject: SUBJECT,
      date: 'Fri, Jan 5, 2024 10:30 AM',
      body: BODY,
      note: 'FYI',
    },
  },
  {
    name: 'NetEase 163 转发邮件信息',
    subject: '转发：Inquiry for LED panels',
    text: `-------- 转发邮件信息 --------
发件人："John Smith" <john@buyer.com>
发送日期：2024-01-05 10:30:00
收件人："sales" <sales@factory.cn>
抄送人："Li Lei" <lilei@factory.cn>
主题：Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: 'sales' }],
      cc: [{ address: 'lilei@factory.cn', name: 'Li Lei' }],
      subject: SUBJECT,
      date: '2024-01-05 10:30:00',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Alimail rule and full-width space in 主　题',
    subject: '转发: Inquiry for LED panels',
    text: `------------------------------------------------------------------
发件人：John Smith <john@buyer.com>
发送时间：2024年1月5日(星期五) 10:30
收件人：sales <sales@factory.cn>
主　题：Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: 'sales' }],
      cc: [],
      subject: SUBJECT,
      date: '2024年1月5日(星期五) 10:30',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Thunderbird zh 转发的消息 with tabs',
    subject: 'Fwd: Inquiry for LED panels',
    text: `-------- 转发的消息 --------
主题：\tInquiry for LED panels
日期：\tFri, 5 Jan 2024 10:30:00 +0800
发件人：\tJohn Smith <john@buyer.com>
收件人：\tsales@factory.cn



${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [],
      subject: SUBJECT,
      date: 'Fri, 5 Jan 2024 10:30:00 +0800',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Apple Mail zh 开始转发的邮件',
    subject: '转发：Inquiry for LED panels',
    text: `开始转发的邮件：

发件人: John Smith <john@buyer.com>
主题: Inquiry for LED panels
日期: 2024年1月5日 GMT+8 上午10:30:00
收件人: sales@factory.cn

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [],
      subject: SUBJECT,
      date: '2024年1月5日 GMT+8 上午10:30:00',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Gmail zh-CN: English separator, localised labels',
    subject: 'Fwd: Inquiry for LED panels',
    text: `---------- Forwarded message ---------
发件人： John Smith <john@buyer.com>
Date: 2024年1月5日周五 上午10:30
Subject: Inquiry for LED panels
To: <sales@factory.cn>


${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [],
      subject: SUBJECT,
      date: '2024年1月5日周五 上午10:30',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Gmail English',
    subject: 'Fwd: Inquiry for LED panels',
    text: `Please handle.

---------- Forwarded message ---------
From: John Smith <john@buyer.com>
Date: Fri, Jan 5, 2024 at 10:30 AM
Subject: Inquiry for LED panels
To: <sales@factory.cn>
Cc: Li Lei <lilei@factory.cn>


${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [{ address: 'lilei@factory.cn', name: 'Li Lei' }],
      subject: SUBJECT,
      date: 'Fri, Jan 5, 2024 at 10:30 AM',
      body: BODY,
      note: 'Please handle.',
    },
  },
  {
    name: 'Apple Mail English',
    subject: 'Fwd: Inquiry for LED panels',
    text: `Begin forwarded message:

From: John Smith <john@buyer.com>
Subject: Inquiry for LED panels
Date: 5 January 2024 at 10:30:00 CET
To: sales@factory.cn

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [],
      subject: SUBJECT,
      date: '5 January 2024 at 10:30:00 CET',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Thunderbird Forwarded Message',
    subject: 'Fwd: Inquiry for LED panels',
    text: `-------- Forwarded Message --------
Subject: \tInquiry for LED panels
Date: \tFri, 5 Jan 2024 10:30:00 +0100
From: \tJohn Smith <john@buyer.com>
To: \tsales@factory.cn



${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [],
      subject: SUBJECT,
      date: 'Fri, 5 Jan 2024 10:30:00 +0100',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Thunderbird Original Message',
    subject: 'Fwd: Inquiry for LED panels',
    text: `-------- Original Message --------
Subject: Inquiry for LED panels
Date: Fri, 5 Jan 2024 10:30:00 +0100
From: John Smith <john@buyer.com>
To: sales@factory.cn

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [],
      subject: SUBJECT,
      date: 'Fri, 5 Jan 2024 10:30:00 +0100',
      body: BODY,
      note: null,
    },
  },
  {
    name: 'Outlook English -----Original Message-----',
    subject: 'FW: Inquiry for LED panels',
    text: `-----Original Message-----
From: John Smith <john@buyer.com>
Sent: Friday, January 5, 2024 10:30 AM
To: sales@factory.cn
Subject: Inquiry for LED panels

${BODY}`,
    expect: {
      from: BUYER,
      to: [{ address: 'sales@factory.cn', name: '' }],
      cc: [],
      subject: SUBJECT,
      date: 'Friday, January 5, 2024 10:30 AM',
      body: BODY,
      note: null,
    },
  },
];
