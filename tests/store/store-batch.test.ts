/**
 * The batch store must leave exactly the store the per-message path leaves. The same stream
 * of processed mails (every fixture kind, repeat buyers, colleagues at one company, platform
 * buyers, our Sent-folder answers, bounces and unsubscribes in between) is stored once message
 * by message and once in batches, into two fresh databases of the same kind with the same
 * seeded history; every row of every table the store stage writes is then compared.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import { pipelineContext, staticUnderstandContext } from '../../src/ingest/context.ts';
import { runPureStages } from '../../src/ingest/pipeline.ts';
import { NO_HISTORY } from '../../src/ingest/stages/rank.ts';
import { storeProcessed } from '../../src/ingest/stages/store.ts';
import { storeProcessedBatch } from '../../src/ingest/stages/store-batch.ts';
import type { ProcessedMessage } from '../../src/ingest/stages/types.ts';
import type { Db, Store } from '../../src/store/client.ts';
import { rawItem, storeRawBatch } from '../../src/store/ingest/store-batch.ts';
import { type TestDatabase, testDatabases } from '../helpers/db.ts';
import { cn, LILY, ourReply, priceListRequest, sampleRequest, slaConfig } from '../sla/helpers.ts';

const NOW = cn('2026-03-10 10:00');
const NO_LOOKUPS = { isOurMessageId: () => false, findSentThread: () => null };
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/mails');

function fixtureMails(): Buffer[] {
  const out: Buffer[] = [];
  for (const kind of readdirSync(FIXTURES, { withFileTypes: true })) {
    if (!kind.isDirectory() || kind.name === 'specs') continue;
    for (const file of readdirSync(path.join(FIXTURES, kind.name)).sort()) {
      if (file.endsWith('.eml')) out.push(readFileSync(path.join(FIXTURES, kind.name, file)));
    }
  }
  return out;
}

/** Mail that exercises the owner rules: repeat buyers, colleagues, our answers, a bounce. */
function generatedMails(): { raw: Buffer; sent: boolean }[] {
  const at = (h: number) => new Date(NOW.getTime() - (48 - h) * 3_600_000);
  const mails: { raw: string; sent: boolean }[] = [];
  for (let i = 0; i < 12; i++) {
    // Three colleagues at each of two companies, one of them seeded with an owner already.
    const company = i % 2 === 0 ? 'seeded-importer.de' : 'new-importer.com.br';
    mails.push({ raw: sampleRequest(`Buyer ${i % 6} <buyer${i % 6}@${company}>`, at(i)), sent: false });
    if (i % 4 === 1) mails.push({ raw: priceListRequest(`someone${i}@gmail.com`, at(i)), sent: false });
    // Colleagues with no country: the first is rotated to a team member, the rest stick to them.
    if (i % 3 === 0)
      mails.push({ raw: priceListRequest(`colleague${i}@globex-sourcing.com`, at(i)), sent: false });
    if (i === 5) mails.push({ raw: ourReply('Lily', LILY, `buyer1@new-importer.com.br`, at(i)), sent: true });
  }
  mails.push({ raw: sampleRequest('Old Friend <old@seeded-importer.de>', at(30)), sent: false });
  mails.push({ raw: sampleRequest('Waking <wake@known-buyer.fr>', at(31)), sent: false });
  // Campaign fallout: notices about leads known by now, one after another and between inquiries.
  mails.push(
    ...[
      bounceFor('buyer2@seeded-importer.de', '4.2.2', at(32)),
      bounceFor('buyer2@seeded-importer.de', '4.2.2', at(33)),
      autoReplyFrom('buyer3@new-importer.com.br', at(34)),
      bounceFor('old@seeded-importer.de', '5.1.1', at(35)),
      bounceFor('OLD@seeded-importer.de', '5.1.1', at(36)),
      bounceFor('nobody@unknown-importer.pl', '5.1.1', at(37)),
      unsubscribeFrom('buyer4@seeded-importer.de', at(38)),
      bounceFor('buyer4@seeded-importer.de', '5.1.1', at(39)),
    ].map((raw) => ({ raw, sent: false })),
  );
  mails.splice(6, 0, { raw: autoReplyFrom('buyer0@seeded-importer.de', at(6)), sent: false });
  mails.splice(9, 0, { raw: bounceFor('buyer1@new-importer.com.br', '4.2.2', at(8)), sent: false });
  return mails.map((m) => ({ raw: Buffer.from(m.raw), sent: m.sent }));
}

let notices = 0;

/** A delivery status notification (RFC 3464) for one recipient: 5.x.x is permanent. */
function bounceFor(recipient: string, status: string, date: Date): string {
  notices++;
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.brightlux-lighting.com>',
    'To: sales@brightlux-lighting.com',
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date.toUTCString()}`,
    `Message-ID: <dsn-${notices}@mx.brightlux-lighting.com>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.brightlux-lighting.com',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    'Action: failed',
    `Status: ${status}`,
    `Diagnostic-Code: smtp; ${status.startsWith('5') ? '550 5.1.1 user unknown' : '452 4.2.2 mailbox full'}`,
    '',
    '--B--',
    '',
  ].join('\r\n');
}

/** A buyer's short mail to us: `headers` come after the usual ones. */
function buyerNote(from: string, date: Date, subject: string, body: string, headers: string[] = []): string {
  notices++;
  return [
    `From: ${from}`,
    'To: sales@brightlux-lighting.com',
    `Subject: ${subject}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <note-${notices}@buyer.test>`,
    ...headers,
    '',
    body,
    '',
  ].join('\r\n');
}

const autoReplyFrom = (from: string, date: Date) =>
  buyerNote(
    from,
    date,
    'Automatic reply: Quotation',
    'I am out of the office until 20 March 2026 with limited access to e-mail.',
    ['Auto-Submitted: auto-replied'],
  );

const unsubscribeFrom = (from: string, date: Date) =>
  buyerNote(
    from,
    date,
    'Re: New LED panel catalogue',
    'Please remove me from your mailing list. Do not email me again.',
  );

async function seedHistory(db: Db): Promise<void> {
  const lily = await db.salesperson.create({ data: { email: LILY, name: 'Lily Chen' } });
  const seeded = await db.company.create({ data: { domain: 'seeded-importer.de', name: null } });
  await db.lead.create({
    data: {
      email: 'old@seeded-importer.de',
      companyId: seeded.id,
      ownerId: lily.id,
      assignedAt: cn('2026-01-05 09:00'),
    },
  });
  const waking = await db.lead.create({
    data: {
      email: 'wake@known-buyer.fr',
      status: 'pool',
      wakeUpFlaggedAt: cn('2026-03-01 09:00'),
      wakeUpReason: 'quiet',
    },
  });
  await db.activity.create({
    data: { leadId: waking.id, type: 'outbound', direction: 'outbound', occurredAt: cn('2026-03-09 23:00') },
  });
  await db.roundRobin.create({ data: { team: 'asia', lastIndex: 0 } });
}

async function processedStream(
  config: Config,
): Promise<{ raw: Buffer; sent: boolean; p: ProcessedMessage }[]> {
  const base = staticUnderstandContext(config);
  const lookups = NO_LOOKUPS;
  const mails = [...fixtureMails().map((raw) => ({ raw, sent: false })), ...generatedMails()];
  const out = [];
  for (const m of mails) {
    const ctx = pipelineContext(base, lookups, m.sent ? 'dropbox' : 'inquiries', NOW);
    try {
      out.push({
        ...m,
        p: await runPureStages(m.raw, ctx, {
          ranking: config.ranking,
          accounts: [],
          history: () => NO_HISTORY,
        }),
      });
    } catch {
      // Mail the pure stages quarantine never reaches the store stage.
    }
  }
  return out;
}

async function storeRaw(db: Db, raws: { raw: Buffer; sent: boolean }[]): Promise<number[]> {
  const box = await db.mailbox.create({ data: { name: 'inquiries', role: 'inquiries' } });
  const folder = await db.mailboxFolder.create({
    data: { mailboxId: box.id, path: 'INBOX', uidValidity: 1n },
  });
  const items = raws.map((r, i) => rawItem(r.raw, { uid: BigInt(i + 1) }));
  const { created } = await storeRawBatch(db, { folderId: folder.id, uidValidity: 1n }, items, NOW);
  return created;
}

const OMIT = new Set(['createdAt', 'updatedAt']);

async function snapshot(db: Db) {
  const strip = (rows: object[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !OMIT.has(k))));
  const byId = { orderBy: { id: 'asc' as const } };
  return {
    leads: strip(await db.lead.findMany(byId)),
    companies: strip(await db.company.findMany(byId)),
    activities: strip(await db.activity.findMany(byId)),
    inquiries: strip(await db.inquiry.findMany(byId)),
    messages: strip(await db.message.findMany(byId)),
    salespeople: strip(await db.salesperson.findMany(byId)),
    roundRobin: strip(await db.roundRobin.findMany({ orderBy: { team: 'asc' } })),
    suppressions: strip(await db.suppression.findMany({ orderBy: { address: 'asc' } })),
    // The stored text itself, not only the Date read back: SQLite compares dates as text.
    storedDates: await db.$queryRawUnsafe(
      'SELECT CAST("occurredAt" AS TEXT) AS "occurredAt" FROM "Activity" ORDER BY "id"',
    ),
    storedMessageDates: await db.$queryRawUnsafe(
      'SELECT CAST("sentAt" AS TEXT) AS "sentAt", CAST("stageEnteredAt" AS TEXT) AS "stageEnteredAt" FROM "Message" ORDER BY "id"',
    ),
    storedInquiryDates: await db.$queryRawUnsafe(
      'SELECT CAST("receivedAt" AS TEXT) AS "receivedAt", CAST("deadlineAt" AS TEXT) AS "deadlineAt", "sampleRequest" FROM "Inquiry" ORDER BY "id"',
    ),
  };
}

describe.each(testDatabases())('batch store (%o)', (make) => {
  let one: TestDatabase;
  let many: TestDatabase;
  let a: Store;
  let b: Store;
  let config: Config;
  let stream: Awaited<ReturnType<typeof processedStream>>;

  beforeAll(async () => {
    one = make();
    many = make();
    a = await one.open();
    b = await many.open();
    config = slaConfig(one.url);
    stream = await processedStream(config);
    for (const db of [a.db, b.db]) await seedHistory(db);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await one?.drop();
    await many?.drop();
  });

  it('leaves the same rows as storing message by message', async () => {
    const idsA = await storeRaw(a.db, stream);
    const idsB = await storeRaw(b.db, stream);
    expect(idsB).toEqual(idsA);
    for (const [i, id] of idsA.entries()) {
      expect(await storeProcessed(a.db, id, stream[i]!.p, NOW, { wasQuarantined: false, config })).toBe(
        'stored',
      );
    }
    const outcomes = [];
    for (let start = 0; start < idsB.length; start += 25) {
      const items = idsB.slice(start, start + 25).map((id, j) => ({
        messageRowId: id,
        processed: stream[start + j]!.p,
        wasQuarantined: false,
      }));
      outcomes.push(...(await storeProcessedBatch(b.db, items, NOW, config)));
    }
    expect(outcomes).toEqual(idsB.map(() => 'stored'));

    const [sa, sb] = [await snapshot(a.db), await snapshot(b.db)];
    // The stream must really exercise the rules compared here.
    expect(sa.inquiries.length).toBeGreaterThan(20);
    // Owners by rule (Bob, Nina), by team rotation (Lily, Nina) and sticky to a colleague's owner.
    expect(new Set(sa.inquiries.map((i) => i.ownerId)).size).toBe(3);
    expect(sa.inquiries.some((i) => i.status === 'answered')).toBe(true);
    expect(
      sa.leads
        .filter((l) => l.email?.toString().endsWith('seeded-importer.de'))
        .every((l) => l.ownerId !== null),
    ).toBe(true);
    expect(sa.suppressions.length).toBeGreaterThan(0);
    // Notices about known leads: soft bounces counted, hard bounces dated, every kind on a timeline.
    expect(sa.leads.some((l) => l.softBounces === 2)).toBe(true);
    expect(sa.leads.filter((l) => l.undeliverableAt !== null).length).toBeGreaterThanOrEqual(2);
    const types = new Set(sa.activities.map((a) => a.type));
    for (const type of ['bounce', 'auto_reply', 'unsubscribe']) expect(types).toContain(type);
    expect(sa.suppressions.map((x) => x.reason)).toEqual(
      expect.arrayContaining(['hard_bounce', 'unsubscribe']),
    );
    expect(sb).toEqual(sa);
  });

  it('reports a message processed elsewhere as already processed and stores the rest', async () => {
    const raws = [sampleRequest(`late@${'x'}-imports.de`, NOW), sampleRequest('later@y-imports.de', NOW)].map(
      (r) => ({
        raw: Buffer.from(r),
        sent: false,
      }),
    );
    const processed = await Promise.all(
      raws.map((r) =>
        runPureStages(r.raw, pipelineContext(staticUnderstandContext(config), NO_LOOKUPS, 'inquiries', NOW), {
          ranking: config.ranking,
          accounts: [],
          history: () => NO_HISTORY,
        }),
      ),
    );
    const box = await b.db.mailboxFolder.findFirstOrThrow();
    const { created } = await storeRawBatch(
      b.db,
      { folderId: box.id, uidValidity: 1n },
      raws.map((r, i) => rawItem(r.raw, { uid: 10_000n + BigInt(i) })),
      NOW,
    );
    await storeProcessed(b.db, created[0]!, processed[0]!, NOW, { wasQuarantined: false, config });
    const outcomes = await storeProcessedBatch(
      b.db,
      created.map((id, i) => ({ messageRowId: id, processed: processed[i]!, wasQuarantined: false })),
      NOW,
      config,
    );
    expect(outcomes).toEqual(['already_processed', 'stored']);
    expect(await b.db.inquiry.count({ where: { messageId: { in: created } } })).toBe(2);
  });

  it('writes nothing of a batch in which one inquiry cannot be stored', async () => {
    const raw = Buffer.from(sampleRequest(`broken@z-imports.de`, NOW));
    const p = await runPureStages(
      raw,
      pipelineContext(staticUnderstandContext(config), NO_LOOKUPS, 'inquiries', NOW),
      { ranking: config.ranking, accounts: [], history: () => NO_HISTORY },
    );
    const box = await b.db.mailboxFolder.findFirstOrThrow();
    const { created } = await storeRawBatch(
      b.db,
      { folderId: box.id, uidValidity: 1n },
      [rawItem(raw, { uid: 20_000n })],
      NOW,
    );
    const leadsBefore = await b.db.lead.count();
    await expect(
      storeProcessedBatch(
        b.db,
        [{ messageRowId: created[0]!, processed: { ...p, priority: null }, wasQuarantined: false }],
        NOW,
        config,
      ),
    ).rejects.toThrow(/without a priority/);
    expect(await b.db.lead.count()).toBe(leadsBefore);
    expect((await b.db.message.findUniqueOrThrow({ where: { id: created[0]! } })).stage).toBe('received');
  });
});
