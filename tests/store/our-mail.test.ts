/**
 * The per-batch look-ups into what we sent, on both databases: which Message-IDs are ours
 * (the outbox and our own mail logged from Sent or the drop box, never a buyer's), and which
 * of our mails went to a buyer, outbox first and newest first (the first answer per buyer and
 * subject is the one a reply without In-Reply-To is threaded to).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/client.ts';
import { ourMessageIds, sentThreadsTo } from '../../src/store/ingest/our-mail.ts';
import { testDatabases } from '../helpers/db.ts';
import { useStore } from '../helpers/store-hooks.ts';

const BUYER = 'ana@importadora.mx';

async function outbox(db: Db, n: number, to: string, state: string, subject: string) {
  await db.outboundMail.create({
    data: {
      idempotencyKey: `manual:${n}`,
      kind: 'manual',
      fromAddress: 'lily@brightlux-lighting.com',
      toAddress: to,
      subject,
      messageId: `<out-${n}@brightlux-lighting.com>`,
      state,
    },
  });
}

async function logged(db: Db, n: number, leadId: number, direction: string, subject: string) {
  const raw = await db.rawMessage.create({
    data: { sha256: `sha-${n}`, size: 1, compressed: Buffer.from([n]) },
  });
  await db.message.create({
    data: {
      dedupeKey: `key-${n}`,
      rawMessageId: raw.id,
      messageId: `<logged-${n}@example.test>`,
      subject,
      direction,
      leadId,
      stage: 'processed',
    },
  });
}

describe.each(testDatabases())('look-ups into our mail (%o)', (make) => {
  const store = useStore(make());

  beforeAll(async () => {
    const db = store.db;
    const lead = await db.lead.create({ data: { email: BUYER } });
    const other = await db.lead.create({ data: { email: 'someone@else.de' } });
    await outbox(db, 1, BUYER, 'sent', 'Quotation');
    await outbox(db, 2, BUYER, 'sent', 'Catalogue');
    await outbox(db, 3, BUYER, 'queued', 'Not sent yet');
    await outbox(db, 4, 'someone@else.de', 'sent', 'Quotation');
    await logged(db, 5, lead.id, 'outbound', 'Re: Samples');
    await logged(db, 6, lead.id, 'outbound', 'Re: Samples again');
    await logged(db, 7, lead.id, 'inbound', 'Samples');
    await logged(db, 8, other.id, 'outbound', 'Hello');
  });

  it('knows the outbox and our logged outbound mail as ours, never a buyer mail', async () => {
    const ours = await ourMessageIds(store.db, [
      '<out-1@brightlux-lighting.com>',
      '<out-3@brightlux-lighting.com>',
      '<logged-5@example.test>',
      '<logged-7@example.test>',
      '<unknown@example.test>',
      '<out-1@brightlux-lighting.com>',
    ]);
    expect([...ours].sort()).toEqual([
      '<logged-5@example.test>',
      '<out-1@brightlux-lighting.com>',
      '<out-3@brightlux-lighting.com>',
    ]);
    expect(await ourMessageIds(store.db, [])).toEqual(new Set());
  });

  it('lists what we sent to a buyer: the outbox first, newest first, then our logged mail', async () => {
    const threads = await sentThreadsTo(store.db, ['ANA@importadora.mx']);
    expect(threads).toEqual([
      { to: BUYER, subject: 'Catalogue', messageId: '<out-2@brightlux-lighting.com>' },
      { to: BUYER, subject: 'Quotation', messageId: '<out-1@brightlux-lighting.com>' },
      { to: BUYER, subject: 'Re: Samples again', messageId: '<logged-6@example.test>' },
      { to: BUYER, subject: 'Re: Samples', messageId: '<logged-5@example.test>' },
    ]);
    expect(await sentThreadsTo(store.db, [])).toEqual([]);
  });
});
