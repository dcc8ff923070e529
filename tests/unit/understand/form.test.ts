import { describe, expect, it } from 'vitest';
import { countryCode } from '../../../src/understand/form/country.ts';
import { explicitFields, toE164, toHost } from '../../../src/understand/form/explicit.ts';
import { htmlTableAsText, readFields } from '../../../src/understand/form/fields.ts';
import { isNoReplySender, isSystemSender, parseFormSubmission } from '../../../src/understand/form/index.ts';
import { FORM_LABELS } from '../../../src/understand/form/labels.ts';
import { parsed } from '../../fixtures/mails/build.ts';

describe('readFields', () => {
  it('reads same-line values, values on the next line, and a multi-line message up to the form footer', () => {
    const text = [
      'Name: Olivia Bennett',
      'Email:',
      'olivia@brightfield.example',
      'Message:',
      'Line one.',
      '',
      'Line two.',
      '-- ',
      'This e-mail was sent from a contact form on BrightLux',
    ].join('\n');
    expect(readFields(text, FORM_LABELS)).toEqual({
      name: 'Olivia Bennett',
      email: 'olivia@brightfield.example',
      message: 'Line one.\n\nLine two.',
    });
  });

  it('reads Chinese labels with full-width colons and stops at the submission time line', () => {
    const text =
      '姓名：Tran Van Hung\n邮箱：hung@anphat.example\n国家：越南\n留言内容：\nNeed 800 pcs.\n留言时间：2025-04-05 14:31';
    expect(readFields(text, FORM_LABELS)).toEqual({
      name: 'Tran Van Hung',
      email: 'hung@anphat.example',
      country: '越南',
      message: 'Need 800 pcs.',
    });
  });

  it('drops withheld placeholders and mailto renderings', () => {
    const text = 'Email: j@x.example [mailto:j@x.example]\nPhone: N/A\nCompany: Hidden';
    expect(readFields(text, FORM_LABELS)).toEqual({ email: 'j@x.example' });
  });

  it('does not take a longer label for a shorter one ("Message ID" is not "Message")', () => {
    expect(readFields('Message ID: 123\nMessage: hello', FORM_LABELS)).toEqual({ message: 'hello' });
  });
});

describe('htmlTableAsText', () => {
  it('renders two-column rows as labelled lines and decodes entities', () => {
    const html =
      '<table><tr><td colspan="2">Header</td></tr><tr><td><b>Company</b></td><td>Lumi&egrave;re &amp; Fils</td></tr><tr><td>Country:</td><td>Canada</td></tr></table>';
    expect(htmlTableAsText(html)).toBe('Company: Lumière & Fils\nCountry: Canada');
  });
});

describe('parseFormSubmission', () => {
  it('Contact Form 7 default template: the buyer in the "From:" line and Reply-To', async () => {
    const mail = await parsed({
      from: 'BrightLux Lighting <wordpress@brightlux-lighting.com>',
      subject: 'BrightLux Lighting "Panels"',
      headers: ['Reply-To: Olivia Bennett <olivia@brightfield.example>'],
      body: 'From: Olivia Bennett <olivia@brightfield.example>\nSubject: Panels\n\nMessage Body:\nWe need 350 panels.\n\n-- \nThis e-mail was sent from a contact form on BrightLux',
    });
    expect(parseFormSubmission(mail)).toMatchObject({
      name: 'Olivia Bennett',
      email: 'olivia@brightfield.example',
      subject: 'Panels',
      message: 'We need 350 panels.',
    });
  });

  it('a plain relay: system sender, buyer only in Reply-To, body is the message', async () => {
    const mail = await parsed({
      from: 'Website <noreply@brightlux-lighting.com>',
      subject: 'Website inquiry',
      headers: ['Reply-To: "Kofi Boateng" <kofi@accra-lights.example>'],
      body: 'Please send your catalogue of LED flood lights.',
    });
    expect(parseFormSubmission(mail)).toMatchObject({
      name: 'Kofi Boateng',
      email: 'kofi@accra-lights.example',
      message: 'Please send your catalogue of LED flood lights.',
    });
  });

  it('Spanish and Portuguese labels; first and last name joined', async () => {
    const es = await parsed({
      from: 'BrightLux <noreply@brightlux-lighting.com>',
      subject: 'Nuevo mensaje de contacto',
      body: 'Nombre: Andrés Gómez\nCorreo electrónico: agomez@condor.example\nPaís: Colombia\nMensaje:\nCotización de tubo LED.',
    });
    expect(parseFormSubmission(es)).toMatchObject({
      name: 'Andrés Gómez',
      email: 'agomez@condor.example',
      country: 'Colombia',
    });
    const split = await parsed({
      from: 'Site <no-reply@brightlux-lighting.com>',
      subject: 'New Form Submission',
      body: 'First Name: Sophie\nLast Name: Tremblay\nEmail: s.t@nord.example\nMessage: Quote please',
    });
    expect(parseFormSubmission(split)?.name).toBe('Sophie Tremblay');
  });

  it('a person writing with labelled lines in a signature is not a form', async () => {
    const mail = await parsed({
      from: 'Dale Whitfield <dale@lonestar.example>',
      subject: 'Quote request',
      body: 'Please quote 800 high bays.\n\nName: Dale Whitfield\nEmail: dale@lonestar.example\nPhone: +1 469 555 0192',
    });
    expect(parseFormSubmission(mail)).toBeNull();
  });

  it('a system sender without any buyer address is not a form submission', async () => {
    const mail = await parsed({
      from: 'WordPress <wordpress@brightlux-lighting.com>',
      subject: '[BrightLux] Plugin updates available',
      body: 'Three plugins have updates available.',
    });
    expect(parseFormSubmission(mail)).toBeNull();
  });

  it('recognises system senders by local part or by the form plugin’s mailer header', async () => {
    const byLocal = await parsed({ from: 'wordpress@site.example', subject: 'x', body: 'x' });
    const byMailer = await parsed({
      from: 'office@site.example',
      subject: 'x',
      body: 'x',
      headers: ['X-Mailer: PHPMailer 6.9.1 (https://github.com/PHPMailer/PHPMailer)'],
    });
    const person = await parsed({ from: 'anna@site.example', subject: 'x', body: 'x' });
    expect([isSystemSender(byLocal), isSystemSender(byMailer), isSystemSender(person)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('knows no-reply senders', async () => {
    const noreply = await parsed({ from: 'notifications@portal.example', subject: 'x', body: 'x' });
    const person = await parsed({ from: 'grace@nyota.example', subject: 'x', body: 'x' });
    expect([isNoReplySender(noreply), isNoReplySender(person)]).toEqual([true, false]);
  });
});

describe('stated buyer fields', () => {
  it.each([
    ['United Arab Emirates', 'AE'],
    ['UAE', 'AE'],
    ['阿联酋', 'AE'],
    ['越南', 'VN'],
    ['Alemania', 'DE'],
    ['Brasil', 'BR'],
    ['Россия', 'RU'],
    ['Dubai, United Arab Emirates', 'AE'],
    ['AU', 'AU'],
    ['Atlantis', null],
  ])('countryCode(%s) = %s', (name, code) => {
    expect(countryCode(name)).toBe(code);
  });

  it('normalises phones to E.164 with the stated country, and websites to bare hosts', () => {
    expect(toE164('0491 570 156', 'AU')).toBe('+61491570156');
    expect(toE164('+254 733 218 904', null)).toBe('+254733218904');
    expect(toE164('12345', 'AU')).toBeNull();
    expect(toHost('https://www.Kestrel-Licht.example/de/kontakt')).toBe('kestrel-licht.example');
    expect(toHost('not a site')).toBeNull();
  });

  it('explicitFields keeps only what is stated', () => {
    expect(
      explicitFields({ name: 'Liam', company: null, country: 'AU', phone: '0491 570 156', website: null }),
    ).toEqual({
      name: 'Liam',
      country: 'AU',
      phone: '+61491570156',
    });
  });
});
