import { describe, expect, it } from 'vitest';
import { detectUnsubscribe } from '../../../src/understand/unsubscribe/index.ts';
import { parsed } from '../../fixtures/mails/build.ts';

async function check(body: string, subject = 'Re: LED panel light offer', headers: string[] = []) {
  const mail = await parsed({ from: 'Buyer <buyer@importer.example>', subject, body, headers });
  return detectUnsubscribe(mail, body);
}

describe('detectUnsubscribe: requests in ten languages', () => {
  const requests: [string, string][] = [
    ['en', 'Please remove me from your mailing list.'],
    ['en', 'Stop sending me these emails.'],
    ['en', 'unsubscribe'],
    ['es', 'Quiero darme de baja, no me envíen más correos.'],
    ['pt', 'Por favor, me descadastrem da lista.'],
    ['pt', 'Não quero mais receber estes e-mails.'],
    ['fr', 'Merci de me désabonner de votre liste.'],
    ['fr', 'Je ne souhaite plus recevoir vos offres.'],
    ['de', 'Bitte tragen Sie mich aus Ihrem Verteiler aus.'],
    ['de', 'Bitte abmelden.'],
    ['ru', 'Прошу отписать меня от рассылки.'],
    ['ru', 'Удалите меня из списка, не присылайте мне больше писем.'],
    ['zh', '退订'],
    ['zh', '以后不要再发邮件给我了。'],
    ['ar', 'أرجو إلغاء الاشتراك من قائمتكم.'],
    ['ar', 'توقفوا عن إرسال الرسائل إلي.'],
    ['tr', 'Lütfen beni e-posta listenizden çıkarın.'],
    ['it', 'Vi prego di cancellarmi dalla vostra mailing list.'],
    ['it', 'Non inviatemi più email.'],
  ];
  it.each(requests)('%s: %s', async (language, body) => {
    const hit = await check(body);
    expect(hit).toEqual({ address: 'buyer@importer.example', language });
  });

  it('reads the subject too', async () => {
    const hit = await check('', 'Unsubscribe');
    expect(hit?.language).toBe('en');
  });
});

describe('detectUnsubscribe: not a request', () => {
  const negatives: [string, string][] = [
    ['a shipping instruction', 'Please stop sending samples by DHL, use our FedEx account instead.'],
    ['an invoice remark in Chinese', '我们不要发票，价格请报含税。'],
    [
      'a footer line',
      'Please quote 500 pcs.\nIf you no longer wish to receive our mails, click here to unsubscribe.',
    ],
    ['an inquiry', 'We need 2000 pcs LED panel light 600x600, CIF Hamburg.'],
    ['a sample request in Spanish', 'Necesitamos muestras del tubo LED T8.'],
  ];
  it.each(negatives)('%s', async (_label, body) => {
    expect(await check(body)).toBeNull();
  });

  it('ignores mailing-list mail (RFC 2369 List-Unsubscribe) even when it says "unsubscribe"', async () => {
    const hit = await check('Weekly news. Unsubscribe', 'Newsletter', [
      'List-Unsubscribe: <mailto:u@news.example>',
    ]);
    expect(hit).toBeNull();
  });

  it('ignores Precedence: bulk mail', async () => {
    expect(await check('Remove me', 'Promo', ['Precedence: bulk'])).toBeNull();
  });

  it('does not read a long conversation body for a passing mention', async () => {
    const long = `${'We need a detailed offer for our warehouse project. '.repeat(30)}\nRemove me from cc please.`;
    expect(await check(long)).toBeNull();
  });

  it('measures the body as read: trimmed, without its footer lines, up to 1,200 characters', async () => {
    const request = 'Please remove me from your mailing list.';
    const filler = (n: number) => `${'x'.repeat(n - request.length - 1)}\n${request}`;
    // Blank lines around the text and footer lines do not count; the text does, to the char.
    const footer = 'Click here to manage your preferences: https://mail.example/p\n'.repeat(30);
    const read = (n: number) => check(`\n\n   \n  ${filler(n)}  \n\n${footer}`);
    expect((await read(1200))?.language).toBe('en');
    expect(await read(1201)).toBeNull();
  });
});
