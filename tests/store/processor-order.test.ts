/**
 * The processor understands the next batch while it stores the one before. A reply must still
 * be recognised as a reply when the mail it answers (our own, seen in Sent) is in the batch
 * just before it: its look-ups were read before that batch was stored, so they are read again
 * and the reply understood again. Run inline and with a worker thread, on both databases.
 */
import { describe, expect, it } from 'vitest';
import { processPending } from '../../src/ingest/processor.ts';
import { createUnderstandPool } from '../../src/ingest/workers/understand-pool.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Db } from '../../src/store/client.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { testDatabases } from '../helpers/db.ts';
import { makeMessage } from '../helpers/mailhost/index.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { cn, LILY, slaConfig } from '../sla/helpers.ts';

const NOW = cn('2026-03-10 10:00');
const BUYER = 'markus@lichthaus-import.de';

function conversation(n: number): { sent: Buffer; reply: Buffer } {
  const ours = `<quote-${n}@brightlux-lighting.com>`;
  const sent = makeMessage({
    from: `Lily Chen <${LILY}>`,
    to: BUYER,
    subject: `Quotation ${n}: LED panel light`,
    body: 'Dear Markus,\n\nPlease find our quotation for the LED panel light below.\n\nBest regards\nLily\n',
    date: cn('2026-03-09 09:00'),
    messageId: ours,
  });
  const reply = makeMessage({
    from: `Markus Weber <${BUYER}>`,
    to: LILY,
    subject: `Re: Quotation ${n}: LED panel light`,
    body: 'Hi Lily,\n\nThanks, the price works for us. Can you ship in April?\n\nMarkus\n',
    date: cn('2026-03-09 15:00'),
    messageId: `<reply-${n}@lichthaus-import.de>`,
    inReplyTo: ours,
    references: ours,
  });
  return { sent: Buffer.from(sent), reply: Buffer.from(reply) };
}

async function storeIn(db: Db, folderId: number, raws: Buffer[], firstUid: number): Promise<number[]> {
  const items = raws.map((raw, i) => rawItem(raw, { uid: BigInt(firstUid + i) }));
  return (await storeRawBatch(db, { folderId, uidValidity: 1n }, items, NOW)).created;
}

const CASES = testDatabases().flatMap((make) => [0, 1].map((workers) => [make, workers] as const));

describe.each(CASES)('batches in order (%o, %i understanding workers)', (make, workers) => {
  const database = make();
  const store = useStore(database);

  it('recognises a reply to our mail stored in the batch just before it', async () => {
    const db = store.db;
    const box = await db.mailbox.create({ data: { name: 'lily', role: 'salesperson', address: LILY } });
    const sentFolder = await db.mailboxFolder.create({
      data: { mailboxId: box.id, path: 'Sent', specialUse: '\\Sent', uidValidity: 1n },
    });
    const inbox = await db.mailboxFolder.create({
      data: { mailboxId: box.id, path: 'INBOX', uidValidity: 1n },
    });
    // Sent mail and its reply alternate by id, so with one message per batch every reply's
    // batch comes right after the batch that stores what it answers.
    const ids: number[] = [];
    for (let n = 1; n <= 3; n++) {
      const { sent, reply } = conversation(n);
      ids.push(...(await storeIn(db, sentFolder.id, [sent], n)));
      ids.push(...(await storeIn(db, inbox.id, [reply], n)));
    }
    const pool = createUnderstandPool({ size: workers });
    try {
      const report = await processPending(
        { db, config: slaConfig(database.url), log: silentLogger, now: () => NOW, understand: pool },
        { batchSize: 1 },
      );
      expect(report).toEqual({ processed: 6, quarantined: 0, alreadyProcessed: 0 });
    } finally {
      await pool.close();
    }
    const kinds = await db.message.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    expect(kinds.map((m) => [m.messageId, m.kind])).toEqual(
      [1, 2, 3].flatMap((n) => [
        [`<quote-${n}@brightlux-lighting.com>`, 'bcc_outbound'],
        [`<reply-${n}@lichthaus-import.de>`, 'reply'],
      ]),
    );
  });
});
