/**
 * Hand-written replies in English, Chinese, German and Spanish, in the formats of the clients
 * our users and their buyers run. Shared by quote.test.ts and bench/understand-libs.ts.
 */

export interface ReplySample {
  name: string;
  text: string;
  expect: {
    /** The new text after quote and signature removal. */
    body: string;
    /** A string the removed history must contain (null: nothing is quoted). */
    quotedHas: string | null;
    /** The exact signature block, or null. */
    signature: string | null;
  };
}

const QUOTED = 'Dear Sir,\nPlease quote 500 pcs LED panels.';

export const REPLY_SAMPLES: readonly ReplySample[] = [
  {
    name: 'English Gmail attribution with > lines and iPhone signature',
    text: `Price is USD 12.50 FOB Ningbo, MOQ 200 pcs.

Sent from my iPhone

On Fri, Jan 5, 2024 at 10:30 AM John Smith <john@buyer.com> wrote:
> ${QUOTED.replace('\n', '\n> ')}`,
    expect: {
      body: 'Price is USD 12.50 FOB Ningbo, MOQ 200 pcs.',
      quotedHas: 'Please quote',
      signature: 'Sent from my iPhone',
    },
  },
  {
    name: 'English Outlook block with rule line and closing signature',
    text: `Hi John,

Samples were sent today by DHL, tracking 1234567890.

Best regards,
Li Lei
Sales Manager | Ningbo Bright Lighting Co., Ltd.
Tel: +86 574 1234 5678

________________________________
From: John Smith <john@buyer.com>
Sent: Friday, January 5, 2024 10:30 AM
To: Li Lei <lilei@factory.cn>
Subject: RE: samples

${QUOTED}`,
    expect: {
      body: 'Hi John,\n\nSamples were sent today by DHL, tracking 1234567890.',
      quotedHas: 'Please quote',
      signature:
        'Best regards,\nLi Lei\nSales Manager | Ningbo Bright Lighting Co., Ltd.\nTel: +86 574 1234 5678',
    },
  },
  {
    name: 'Chinese Apple/163 attribution 在 ... 写道：',
    text: `好的，我们明天安排打样。

在 2024年1月5日 上午10:30，"John Smith" <john@buyer.com> 写道：
> ${QUOTED.replace('\n', '\n> ')}`,
    expect: { body: '好的，我们明天安排打样。', quotedHas: 'Please quote', signature: null },
  },
  {
    name: 'Chinese Gmail attribution ...于...写道：',
    text: `收到，谢谢！

John Smith <john@buyer.com> 于2024年1月5日周五 上午10:30写道：

> ${QUOTED.replace('\n', '\n> ')}`,
    expect: { body: '收到，谢谢！', quotedHas: 'Please quote', signature: null },
  },
  {
    name: 'Chinese Outlook block with full-width colons',
    text: `附件是报价单，请查收。

发件人： John Smith <john@buyer.com>
发送时间： 2024年1月5日 10:30
收件人： sales@factory.cn
主题： Inquiry for LED panels

${QUOTED}`,
    expect: { body: '附件是报价单，请查收。', quotedHas: '发件人', signature: null },
  },
  {
    name: 'Foxmail 原始邮件 separator and 发自我的iPhone',
    text: `价格已更新，见附件。

发自我的iPhone

------------------ 原始邮件 ------------------
发件人: "John Smith"<john@buyer.com>;
发送时间: 2024年1月5日(星期五) 上午10:30
收件人: "sales"<sales@factory.cn>;
主题: 回复：Inquiry for LED panels

${QUOTED}`,
    expect: { body: '价格已更新，见附件。', quotedHas: '原始邮件', signature: '发自我的iPhone' },
  },
  {
    name: 'Chinese closing 此致 敬礼',
    text: `王经理：

交期确认为30天。

此致
敬礼！
张伟
宁波光明照明有限公司`,
    expect: {
      body: '王经理：\n\n交期确认为30天。',
      quotedHas: null,
      signature: '此致\n敬礼！\n张伟\n宁波光明照明有限公司',
    },
  },
  {
    name: 'German Outlook block and closing',
    text: `Hallo Herr Li,

bitte senden Sie uns zwei Muster.

Mit freundlichen Grüßen
Hans Müller
Einkauf

-----Ursprüngliche Nachricht-----
Von: Li Lei <lilei@factory.cn>
Gesendet: Freitag, 5. Januar 2024 10:30
An: Hans Müller <hans@kaeufer.de>
Betreff: Angebot LED

${QUOTED}`,
    expect: {
      body: 'Hallo Herr Li,\n\nbitte senden Sie uns zwei Muster.',
      quotedHas: 'Ursprüngliche Nachricht',
      signature: 'Mit freundlichen Grüßen\nHans Müller\nEinkauf',
    },
  },
  {
    name: 'German attribution Am ... schrieb and iPhone line',
    text: `Danke, passt.

Von meinem iPhone gesendet

Am 05.01.2024 um 10:30 schrieb Li Lei <lilei@factory.cn>:
> ${QUOTED.replace('\n', '\n> ')}`,
    expect: { body: 'Danke, passt.', quotedHas: 'schrieb', signature: 'Von meinem iPhone gesendet' },
  },
  {
    name: 'Spanish attribution El ... escribió and Enviado desde mi iPhone',
    text: `Necesitamos el precio CIF Valencia.

Enviado desde mi iPhone

El 5 ene 2024, a las 10:30, Li Lei <lilei@factory.cn> escribió:
> ${QUOTED.replace('\n', '\n> ')}`,
    expect: {
      body: 'Necesitamos el precio CIF Valencia.',
      quotedHas: 'escribió',
      signature: 'Enviado desde mi iPhone',
    },
  },
  {
    name: 'Spanish Outlook block with Saludos',
    text: `Hola Li,

Confirmamos el pedido de 300 unidades.

Saludos,
Juan Pérez

-----Mensaje original-----
De: Li Lei [mailto:lilei@factory.cn]
Enviado el: viernes, 5 de enero de 2024 10:30
Para: Juan Pérez <juan@comprador.es>
Asunto: Cotización LED

${QUOTED}`,
    expect: {
      body: 'Hola Li,\n\nConfirmamos el pedido de 300 unidades.',
      quotedHas: 'Mensaje original',
      signature: 'Saludos,\nJuan Pérez',
    },
  },
  {
    name: 'bottom post keeps the text after the quote',
    text: `On Fri, Jan 5, 2024 at 10:30 AM John Smith <john@buyer.com> wrote:
> What is your MOQ?
> And the lead time?

MOQ is 200 pcs, lead time 30 days.`,
    expect: { body: 'MOQ is 200 pcs, lead time 30 days.', quotedHas: 'lead time?', signature: null },
  },
];
