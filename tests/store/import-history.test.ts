/**
 * A salesperson's exported mail history (Gmail Takeout, Thunderbird) holds their sent mail
 * beside the buyers' mail. Imported, our own sent mail is logged as outbound, so a buyer's
 * reply to it in the same history is read as a reply, not as a new inquiry with an SLA clock,
 * though both come in one batch, before our mail is stored. Both databases.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPath } from '../../src/ingest/import/import.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { testDatabases } from '../helpers/db.ts';
import { makeMessage } from '../helpers/mailhost/index.ts';
import { useStore } from '../helpers/store-hooks.ts';
import { cn, LILY, slaConfig } from '../sla/helpers.ts';

const BUYER = 'markus@lichthaus-import.de';
const OURS = '<quote-77@brightlux-lighting.com>';

function takeout(): string {
  const sent = makeMessage({
    from: `Lily Chen <${LILY}>`,
    to: `Markus Weber <${BUYER}>`,
    subject: 'Quotation: LED panel light 600x600',
    body: 'Dear Markus,\n\nPlease find our quotation for 2,000 pcs of the LED panel light, FOB Ningbo.\n\nBest regards\nLily\n',
    date: cn('2026-03-09 09:00'),
    messageId: OURS,
  });
  const reply = makeMessage({
    from: `Markus Weber <${BUYER}>`,
    to: LILY,
    subject: 'Re: Quotation: LED panel light 600x600',
    body: 'Hi Lily,\n\nThanks, the price works for us. Can you ship in April?\n\nMarkus\n',
    date: cn('2026-03-09 15:00'),
    messageId: '<reply-77@lichthaus-import.de>',
    inReplyTo: OURS,
    references: OURS,
  });
  return [sent, reply]
    .map(
      (raw) =>
        `From x@y Thu Jan  1 00:00:00 2026\n${raw.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1')}\n`,
    )
    .join('');
}

describe.each(testDatabases())('an imported mail history (%o)', (make) => {
  const database = make();
  const store = useStore(database);

  it('logs our sent mail as outbound and reads the buyer’s answer to it as a reply', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tm-history-'));
    writeFileSync(join(dir, 'All mail.mbox'), takeout());
    const db = store.db;
    const report = await importPath(
      { db, config: slaConfig(database.url), log: silentLogger, now: () => cn('2026-03-10 10:00') },
      dir,
    );
    expect(report).toMatchObject({ read: 2, created: 2, processed: 2, quarantined: 0 });
    const messages = await db.message.findMany({ orderBy: { id: 'asc' } });
    expect(messages.map((m) => [m.messageId, m.kind, m.direction])).toEqual([
      [OURS, 'bcc_outbound', 'outbound'],
      ['<reply-77@lichthaus-import.de>', 'reply', 'inbound'],
    ]);
    expect(await db.inquiry.count()).toBe(0);
  });
});
