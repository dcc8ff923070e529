/**
 * Shared set-up for the SLA suites: a config with salespeople on different calendars, buyer
 * mails that rank P1 (a sample request) or P3 (a generic price-list request), and ingestion
 * through the real raw store and processor at a chosen instant.
 */
import { parseConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { processPending } from '../../src/ingest/processor.ts';
import { compressRaw } from '../../src/ingest/raw/compress.ts';
import { messageKey } from '../../src/ingest/raw/message-key.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Db } from '../../src/store/client.ts';
import { storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { makeMessage } from '../helpers/mailhost/index.ts';

export const DOMAIN = 'brightlux-lighting.com';
export const LILY = `lily@${DOMAIN}`;
export const BOB = `bob@${DOMAIN}`;
export const NINA = `nina@${DOMAIN}`;
export const DAVID = `david@${DOMAIN}`;

/** China time as an instant: cn('2026-03-09 10:00'). */
/** Lily's mailbox and its INBOX (UIDVALIDITY 1), for stores filled by storeRawBatch: the folder's id. */
export async function lilysInbox(db: Db): Promise<number> {
  const box = await db.mailbox.create({ data: { name: 'lily', role: 'salesperson', address: LILY } });
  return (await db.mailboxFolder.create({ data: { mailboxId: box.id, path: 'INBOX', uidValidity: 1n } })).id;
}

export function cn(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

export function slaConfigDocument(databaseUrl: string, extra: Record<string, unknown> = {}) {
  return {
    database: { url: databaseUrl },
    company: { name: 'BrightLux Lighting', domains: [DOMAIN] },
    catalogue: {
      products: [
        { name: 'LED panel light', synonyms: ['panel light', 'LED panel'] },
        { name: 'LED high bay', synonyms: ['high bay'] },
      ],
      related: ['solar panel'],
    },
    // The users' office: Mon-Fri 09:00-12:00 and 13:30-18:00 China time.
    workingHours: { timeZone: 'Asia/Shanghai', holidays: ['2026-05-01'] },
    salespeople: [
      {
        email: LILY,
        name: 'Lily Chen',
        manager: DAVID,
        // Split shift covering Europe in the evening.
        workingHours: {
          hours: {
            mon: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
            tue: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
            wed: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
            thu: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
            fri: ['09:00-11:30', '13:30-17:00', '18:00-20:00'],
          },
        },
      },
      {
        email: BOB,
        name: 'Bob Zhang',
        manager: DAVID,
        // Night shift for the Americas: each period starts in the evening and ends next morning.
        workingHours: {
          hours: {
            mon: ['20:00-04:00'],
            tue: ['20:00-04:00'],
            wed: ['20:00-04:00'],
            thu: ['20:00-04:00'],
            fri: ['20:00-04:00'],
          },
        },
      },
      { email: NINA, name: 'Nina Weber', manager: DAVID, timeZone: 'Europe/Berlin' },
      { email: DAVID, name: 'David Wang', role: 'manager' },
    ],
    assignment: {
      teams: { asia: [LILY, NINA] },
      rules: [
        { name: 'americas', when: { regions: ['AMERICAS'] }, assignTo: { user: BOB } },
        { name: 'europe', when: { regions: ['EUROPE'] }, assignTo: { user: NINA } },
      ],
      fallback: { team: 'asia' },
    },
    logging: { level: 'silent' },
    ...extra,
  };
}

export function slaConfig(databaseUrl: string, extra: Record<string, unknown> = {}): Config {
  return parseConfig(slaConfigDocument(databaseUrl, extra), {});
}

let counter = 0;

/** A sample request (grade A, P1 with a 2 h SLA) from a buyer at `domain`. */
export function sampleRequest(from: string, date: Date, extra: { subject?: string } = {}): string {
  counter++;
  return makeMessage({
    from,
    to: `sales@${DOMAIN}`,
    subject: extra.subject ?? `Sample request - LED panel light 600x600 (${counter})`,
    body:
      'Dear Sir,\n\nWe are a lighting wholesaler. Please send 2 samples of your LED panel light 600x600 40W, 4000K, CE and RoHS.\n' +
      'If the samples pass we will order 2,000 pcs CIF Hamburg.\n\nBest regards,\nMarkus Weber\nPurchasing Manager\n',
    date,
    messageId: `<sample-${counter}-${process.pid}@buyer.test>`,
  });
}

/** A generic price-list request (grade C, P3 with the 24 h SLA). */
export function priceListRequest(from: string, date: Date): string {
  counter++;
  return makeMessage({
    from,
    to: `sales@${DOMAIN}`,
    subject: 'REQUEST FOR PRICE LIST',
    body: 'Dear Sir/Madam,\n\nKindly send me your full price list and catalogue of all your products.\n\nRegards,\nJohn\n',
    date,
    messageId: `<pricelist-${counter}-${process.pid}@buyer.test>`,
  });
}

/** Our salesperson's reply to a buyer, as it appears in her Sent folder. */
export function ourReply(
  fromName: string,
  from: string,
  to: string,
  date: Date,
  subject = 'Re: Sample request',
): string {
  counter++;
  return makeMessage({
    from: `${fromName} <${from}>`,
    to,
    subject,
    body: 'Dear Markus,\n\nThank you for your inquiry. The samples leave tomorrow by DHL.\n\nBest regards\n',
    date,
    messageId: `<reply-${counter}-${process.pid}@${DOMAIN}>`,
  });
}

async function folder(db: Db, mailbox: string, role: string, path: string, specialUse: string | null) {
  const box = await db.mailbox.upsert({
    where: { name: mailbox },
    create: { name: mailbox, role },
    update: {},
  });
  return db.mailboxFolder.upsert({
    where: { mailboxId_path: { mailboxId: box.id, path } },
    create: { mailboxId: box.id, path, specialUse, uidValidity: 1n },
    update: {},
  });
}

let uid = 0n;

/**
 * Stores raw mails as if fetched from the shared inquiry INBOX (or a salesperson's Sent
 * folder) and runs the processor with the clock at `now`.
 */
export async function ingest(
  db: Db,
  config: Config,
  raws: (string | Buffer)[],
  now: Date,
  where: 'inbox' | 'sent' = 'inbox',
) {
  const f =
    where === 'inbox'
      ? await folder(db, 'inquiries', 'inquiries', 'INBOX', null)
      : await folder(db, 'lily', 'salesperson', 'Sent', '\\Sent');
  const items = raws.map((text) => {
    const raw = typeof text === 'string' ? Buffer.from(text) : text;
    uid++;
    return { key: messageKey(raw), compressed: compressRaw(raw), size: raw.length, uid };
  });
  await storeRawBatch(db, { folderId: f.id, uidValidity: 1n }, items, now);
  return processPending({ db, config, log: silentLogger, now: () => now });
}

/** Lily's own mailbox, sending through the test SMTP sink; notices go out from it. */
export function lilyMailbox(smtp: { host: string; port: number }) {
  return {
    name: 'lily',
    role: 'salesperson',
    address: LILY,
    imap: {
      host: '127.0.0.1',
      port: 1,
      secure: false,
      requireTls: false,
      auth: { user: 'lily', password: 'pw' },
    },
    smtp: { host: smtp.host, port: smtp.port, secure: false, requireTls: false },
  };
}

/** The salespeople of slaConfigDocument with Lily's mailbox set, for suites that send notices. */
export function peopleWithMailbox() {
  const doc = slaConfigDocument('file:unused');
  return doc.salespeople.map((p) => (p.email === LILY ? { ...p, mailbox: 'lily' } : p));
}
