/**
 * A seeded week for the API, report and privacy suites: a manager with a team of two
 * salespeople (Shanghai and Berlin), a read-only user, and seven leads with real raw mail,
 * inquiries, timelines, enrollments and outbound mail between Monday 3 and Monday 10 March 2025
 * (08:00 Shanghai). Every expected number in the suites follows from the data below.
 */
import path from 'node:path';
import type { Config } from '../../src/config/schema.ts';
import { loadSequences } from '../../src/sequences/definitions/index.ts';
import { syncSequences } from '../../src/sequences/engine/index.ts';
import { syncSalespeople } from '../../src/sla/people.ts';
import type { Db } from '../../src/store/client.ts';
import { BUYERS, PEOPLE, REPO } from './seed-config.ts';
import { at, buyerMail, SALES, storeInquiry, storeMail, storeStep } from './seed-mail.ts';

export * from './seed-config.ts';

export interface Seeded {
  people: Record<keyof typeof PEOPLE, number>;
  leads: Record<keyof typeof BUYERS, number>;
  companies: { acme: number; lumen: number };
  inquiries: { hans: number; sara: number; peter: number; omar: number; anna: number };
  enrollments: { hans: number; sara: number; lina: number };
  messages: { hansInquiry: number; hansReply: number; evaCcHans: number; lilyToHans: number };
  outbound: { hansStep: number; saraStep: number };
}

export async function seedWeek(db: Db, config: Config): Promise<Seeded> {
  await syncSalespeople(db, config);
  await syncSequences(db, loadSequences(path.join(REPO, 'sequences')));
  const person = async (email: string) => (await db.salesperson.findUniqueOrThrow({ where: { email } })).id;
  const people = {
    mia: await person(PEOPLE.mia.email),
    lily: await person(PEOPLE.lily.email),
    tom: await person(PEOPLE.tom.email),
    rita: await person(PEOPLE.rita.email),
  };
  const seq = async (name: string) => (await db.sequence.findUniqueOrThrow({ where: { name } })).id;
  const company = (name: string, domain: string, country: string) =>
    db.company.create({ data: { name, domain, country, website: domain } });
  const acme = await company('Acme Licht GmbH', 'acme-licht.de', 'DE');
  const lumen = await company('Lumen Importa Ltda', 'lumen-importa.com.br', 'BR');
  const novak = await company('Novak Svetla s.r.o.', 'novak-svetla.cz', 'CZ');
  const gulf = await company('Gulf Trading LLC', 'gulf-trading.ae', 'AE');
  const nordic = await company('Nordic Light AB', 'nordic-light.se', 'SE');
  await db.customerOrder.create({
    data: {
      companyId: acme.id,
      reference: 'SO-2025-118',
      orderedAt: at('2025-03-08T03:00:00Z'),
      amount: 18400,
    },
  });

  const lead = (b: { name: string; email: string; phone: string }, data: Record<string, unknown>) =>
    db.lead.create({ data: { name: b.name, email: b.email, phone: b.phone, status: 'prospect', ...data } });
  const hans = await lead(BUYERS.hans, {
    companyId: acme.id,
    country: 'DE',
    title: 'Purchasing Manager',
    ownerId: people.lily,
  });
  const eva = await lead(BUYERS.eva, { companyId: acme.id, country: 'DE', ownerId: people.lily });
  const sara = await lead(BUYERS.sara, { companyId: lumen.id, country: 'BR', ownerId: people.lily });
  const peter = await lead(BUYERS.peter, { companyId: novak.id, country: 'CZ', ownerId: people.lily });
  const omar = await lead(BUYERS.omar, { companyId: gulf.id, country: 'AE', ownerId: people.tom });
  const lina = await lead(BUYERS.lina, {
    country: 'CN',
    ownerId: people.tom,
    undeliverableAt: at('2025-03-07T00:00:00Z'),
  });
  const anna = await lead(BUYERS.anna, { companyId: nordic.id, country: 'SE', ownerId: people.tom });

  const hansInquiry = await storeInquiry(
    db,
    hans.id,
    people.lily,
    buyerMail(
      BUYERS.hans,
      SALES,
      'Inquiry: LED panel light 600x600 samples',
      '2025-03-04T02:00:00Z',
      'We need 2,000 pcs LED panel light 600x600 40W and would like 3 samples first.',
    ),
    {
      products: JSON.stringify(['LED panel light']),
      quantity: 2000,
      unit: 'pcs',
      sampleRequest: true,
      grade: 'A',
      score: 88,
      priorityTier: 'P1',
      slaHours: 2,
      reasons: JSON.stringify(['Asked for samples (grade A)', 'Company email domain (acme-licht.de)']),
      deadlineAt: at('2025-03-04T04:00:00Z'),
      answeredAt: at('2025-03-04T03:00:00Z'),
      status: 'answered',
    },
  );
  const lilyToHans = await storeMail(
    db,
    {
      from: `${PEOPLE.lily.name} <${PEOPLE.lily.email}>`,
      to: `${BUYERS.hans.name} <${BUYERS.hans.email}>`,
      subject: 'Re: Inquiry: LED panel light 600x600 samples - quotation Q-2025-031',
      date: at('2025-03-04T03:00:00Z'),
      messageId: '<q-2025-031@brightlux-lighting.com>',
      body: `Dear ${BUYERS.hans.name},\n\nplease find our quotation Q-2025-031 attached.`,
    },
    { kind: 'bcc_outbound', direction: 'outbound', leadId: hans.id },
  );
  const hansEnrollment = await db.enrollment.create({
    data: {
      leadId: hans.id,
      sequenceId: await seq('quotation-followup'),
      state: 'active',
      liveKey: `${hans.id}:${await seq('quotation-followup')}`,
      nextPosition: 1,
      nextStepAt: at('2025-03-12T02:00:00Z'),
      createdAt: at('2025-03-04T03:00:00Z'),
      stateEnteredAt: at('2025-03-04T03:00:00Z'),
    },
  });
  const hansStep = await storeStep(
    db,
    hansEnrollment.id,
    hans.id,
    BUYERS.hans.email,
    'Following up on quotation Q-2025-031',
    at('2025-03-05T02:00:00Z'),
  );
  const hansReply = await storeMail(
    db,
    buyerMail(
      BUYERS.hans,
      SALES,
      'Re: Following up on quotation Q-2025-031',
      '2025-03-05T09:00:00Z',
      'Thank you, the samples are fine.',
    ),
    { kind: 'reply', direction: 'inbound', leadId: hans.id },
  );
  const evaCcHans = await storeMail(
    db,
    {
      ...buyerMail(
        BUYERS.eva,
        PEOPLE.lily.email,
        'Order timeline',
        '2025-02-20T06:00:00Z',
        'Please confirm the timeline.',
      ),
      cc: BUYERS.hans.email,
    },
    { kind: 'reply', direction: 'inbound', leadId: eva.id },
  );

  const saraInquiry = await storeInquiry(
    db,
    sara.id,
    people.lily,
    buyerMail(
      BUYERS.sara,
      SALES,
      'Cotização: LED high bay 150W',
      '2025-03-06T01:00:00Z',
      'Need 500 LED high bay 150W, CIF Santos.',
    ),
    {
      products: JSON.stringify(['LED high bay']),
      grade: 'B',
      score: 60,
      priorityTier: 'P2',
      slaHours: 24,
      deadlineAt: at('2025-03-07T01:00:00Z'),
      reasons: JSON.stringify(['Asks in detail about a product we make (grade B)']),
    },
  );
  const saraEnrollment = await db.enrollment.create({
    data: {
      leadId: sara.id,
      sequenceId: await seq('prospecting'),
      state: 'active',
      liveKey: `${sara.id}:${await seq('prospecting')}`,
      nextPosition: 1,
      nextStepAt: at('2025-03-05T01:00:00Z'),
      createdAt: at('2025-03-03T09:00:00Z'),
    },
  });
  const saraStep = await storeStep(
    db,
    saraEnrollment.id,
    sara.id,
    BUYERS.sara.email,
    'LED high bay lights for Lumen Importa',
    at('2025-03-03T10:00:00Z'),
  );

  const peterInquiry = await storeInquiry(
    db,
    peter.id,
    people.lily,
    buyerMail(BUYERS.peter, SALES, 'Price list please', '2025-02-25T00:00:00Z', 'Send your full price list.'),
    { products: JSON.stringify(['LED panel light']), grade: 'C', score: 40 },
  );

  const omarInquiry = await storeInquiry(
    db,
    omar.id,
    people.tom,
    buyerMail(
      BUYERS.omar,
      SALES,
      'RFQ high bay and panels',
      '2025-03-05T08:00:00Z',
      'Quote 300 high bay and 1000 panels, FOB.',
    ),
    {
      products: JSON.stringify(['LED high bay', 'LED panel light']),
      grade: 'C',
      score: 45,
      priorityTier: 'P3',
      slaHours: 24,
      deadlineAt: at('2025-03-06T08:00:00Z'),
      answeredAt: at('2025-03-06T10:00:00Z'),
      status: 'answered',
    },
  );
  await storeMail(
    db,
    {
      from: `${PEOPLE.tom.name} <${PEOPLE.tom.email}>`,
      to: BUYERS.omar.email,
      subject: 'Re: RFQ high bay and panels - our quotation',
      date: at('2025-03-06T10:00:00Z'),
      messageId: '<tom-quote-omar@brightlux-lighting.com>',
      body: 'Dear Omar, our quotation is attached.',
    },
    { kind: 'bcc_outbound', direction: 'outbound', leadId: omar.id },
  );

  await storeMail(
    db,
    {
      from: 'Mail Delivery System <mailer-daemon@mx.qq.com>',
      to: 'sales@brightlux-lighting.com',
      subject: 'Undelivered Mail Returned to Sender',
      date: at('2025-03-07T00:00:00Z'),
      messageId: '<bounce-lina@mx.qq.com>',
      body: `This is the mail system. The mail to <${BUYERS.lina.email}> could not be delivered: 550 5.1.1 user unknown.`,
    },
    {
      kind: 'bounce',
      direction: 'inbound',
      leadId: lina.id,
      understanding: {
        kind: 'bounce',
        bounce: { recipient: BUYERS.lina.email, permanent: true, status: '5.1.1', diagnostic: null },
      },
    },
  );
  const linaSequence = await seq('prospecting');
  const linaEnrollment = await db.enrollment.create({
    data: {
      leadId: lina.id,
      sequenceId: linaSequence,
      state: 'stopped',
      stopReason: 'hard bounce',
      nextPosition: 1,
    },
  });

  const annaInquiry = await storeInquiry(
    db,
    anna.id,
    people.tom,
    buyerMail(
      BUYERS.anna,
      SALES,
      'LED panel light for offices',
      '2025-03-06T01:00:00Z',
      'We need 800 panels for an office project.',
    ),
    {
      products: JSON.stringify(['LED panel light']),
      grade: 'B',
      score: 75,
      priorityTier: 'P2',
      slaHours: 24,
      deadlineAt: at('2025-03-07T01:00:00Z'),
      reasons: JSON.stringify(['Project quantity', 'Company email domain (nordic-light.se)']),
    },
  );

  return {
    people,
    leads: {
      hans: hans.id,
      eva: eva.id,
      sara: sara.id,
      peter: peter.id,
      omar: omar.id,
      lina: lina.id,
      anna: anna.id,
    },
    companies: { acme: acme.id, lumen: lumen.id },
    inquiries: {
      hans: hansInquiry.id,
      sara: saraInquiry.id,
      peter: peterInquiry.id,
      omar: omarInquiry.id,
      anna: annaInquiry.id,
    },
    enrollments: { hans: hansEnrollment.id, sara: saraEnrollment.id, lina: linaEnrollment.id },
    messages: { hansInquiry: hansInquiry.messageId, hansReply, evaCcHans, lilyToHans },
    outbound: { hansStep, saraStep },
  };
}
