/**
 * Look-ups whose lists come from mail, on both databases. A long thread's References, or a mail
 * naming thousands of addresses, can carry more values than one statement may bind (SQLite
 * 32,766 parameters, PostgreSQL 65,535). Such a statement used to be refused, which failed the
 * whole batch outside the per-message quarantine: its messages were never processed, and the
 * start-up's processing of them failed again on every restart.
 */
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { erasedAmong } from '../../src/privacy/erased-mail.ts';
import { ourMessageIds, sentThreadsTo } from '../../src/store/ingest/our-mail.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testDatabases } from '../helpers/db.ts';
import { makeMessage } from '../helpers/mailhost/index.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { cn, LILY, lilysInbox, slaConfig } from '../sla/helpers.ts';

const NOW = cn('2026-03-10 10:00');
const BUYER = 'markus@lichthaus-import.de';
const OURS = '<quote-1@brightlux-lighting.com>';
/** Each list is used twice in its statement, so this many values passes both limits. */
const MANY = 40_000;
const ids = (n: number) => Array.from({ length: n }, (_, i) => `<${i}@t>`);
/**
 * Folded six to a line, as a mail client writes a long header (RFC 5322 2.2.3). One per line
 * would be 17,000 lines, which mailparser refuses as a header over its 1 MB budget (each line
 * costs it a minimum): that mail is quarantined, not stored as a reply.
 */
function folded(list: string[]): string {
  const lines: string[] = [];
  for (let at = 0; at < list.length; at += 6) lines.push(list.slice(at, at + 6).join(' '));
  return lines.join('\r\n ');
}
const addresses = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@list.example`);

describe.each(testDatabases())('look-ups with very long lists (%o)', (make) => {
  const database = make();
  const store = useStore(database);

  it('finds what is ours among 40,000 Message-IDs and erased people among 40,000 addresses', async () => {
    const db = store.db;
    const lead = await db.lead.create({ data: { email: 'p39999@list.example' } });
    await db.outboundMail.create({
      data: {
        idempotencyKey: 'manual:1',
        kind: 'manual',
        fromAddress: LILY,
        toAddress: 'p39999@list.example',
        subject: 'Quotation',
        messageId: '<31000@t>',
        state: 'sent',
      },
    });
    await db.suppression.create({ data: { address: 'p20000@list.example', reason: 'erasure' } });
    expect([...(await ourMessageIds(db, ids(MANY)))]).toEqual(['<31000@t>']);
    expect(await sentThreadsTo(db, addresses(MANY))).toEqual([
      { to: 'p39999@list.example', subject: 'Quotation', messageId: '<31000@t>' },
    ]);
    expect([...(await erasedAmong(db, addresses(MANY))).keys()]).toEqual(['p20000@list.example']);
    await db.lead.delete({ where: { id: lead.id } });
  });

  it('processes a reply whose References are 17,000 Message-IDs long, and the mail behind it', async () => {
    const db = store.db;
    const inbox = await lilysInbox(db);
    await db.outboundMail.create({
      data: {
        idempotencyKey: 'manual:2',
        kind: 'manual',
        fromAddress: LILY,
        toAddress: BUYER,
        subject: 'Quotation: LED panel light',
        messageId: OURS,
        state: 'sent',
      },
    });
    const reply = makeMessage({
      from: `Markus Weber <${BUYER}>`,
      to: LILY,
      subject: 'Re: Quotation: LED panel light',
      body: 'Hi Lily,\n\nThanks, the price works for us. Can you ship in April?\n\nMarkus\n',
      date: cn('2026-03-09 15:00'),
      messageId: '<long-thread@lichthaus-import.de>',
      inReplyTo: OURS,
      references: folded([...ids(17_000), OURS]),
    });
    const next = makeMessage({
      from: 'Ana Ruiz <ana@importadora.mx>',
      to: LILY,
      subject: 'Inquiry: 2,000 LED panel lights, CIF Veracruz',
      body: 'Hello,\n\nPlease quote 2,000 pcs of your 600x600 LED panel light, CIF Veracruz.\n\nAna Ruiz\n',
      date: cn('2026-03-09 16:00'),
      messageId: '<after-long-thread@importadora.mx>',
    });
    const items = [reply, next].map((raw, i) => rawItem(Buffer.from(raw), { uid: BigInt(i + 1) }));
    const created = (await storeRawBatch(db, { folderId: inbox, uidValidity: 1n }, items, NOW)).created;
    const report = await processPending({
      db,
      config: slaConfig(database.url),
      log: silentLogger,
      now: () => NOW,
    });
    expect(report).toEqual({ processed: 2, quarantined: 0, alreadyProcessed: 0 });
    const stored = await db.message.findMany({ where: { id: { in: created } }, orderBy: { id: 'asc' } });
    expect(stored.map((m) => [m.messageId, m.stage, m.kind])).toEqual([
      ['<long-thread@lichthaus-import.de>', 'processed', 'reply'],
      ['<after-long-thread@importadora.mx>', 'processed', 'inquiry'],
    ]);
  });
});
