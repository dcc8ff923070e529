/**
 * The demo's own parts, without a browser: the enrollment rules and signals decided per message,
 * the sample mailbox moved in time byte for byte, and the .eml outbox.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { fileMailboxDirectory } from '../../src/demo/file-outbox.ts';
import { dateOf, placeMailbox, weekAligned, withDate } from '../../src/demo/mailbox.ts';
import { isTrademailError } from '../../src/errors.ts';
import { REPO_ROOT } from '../../src/paths.ts';
import { type ProcessedMail, reactionsFor } from '../../src/sequences/reactions.ts';

const tmp = mkdtempSync(join(tmpdir(), 'tm-demo-parts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function mail(over: Partial<ProcessedMail>): ProcessedMail {
  return {
    kind: 'inquiry',
    leadId: 7,
    subject: 'Inquiry',
    understanding: {},
    fromAddress: 'buyer@example.com',
    inquiry: { priorityTier: 'P2', grade: 'B' },
    lead: { email: 'buyer@example.com', liveEnrollments: 0, sequencesEverEnrolled: [] },
    ...over,
  };
}

describe('enrollment rules and signals per message', () => {
  it('enrolls P2/P3 inquiries with an address in prospecting, never P1, grade D or a lead without address', () => {
    expect(reactionsFor(mail({}))).toEqual([
      { type: 'enroll', leadId: 7, sequence: 'prospecting', priority: 1 },
    ]);
    expect(reactionsFor(mail({ inquiry: { priorityTier: 'P3', grade: 'C' } }))).toEqual([
      { type: 'enroll', leadId: 7, sequence: 'prospecting', priority: 0 },
    ]);
    expect(reactionsFor(mail({ inquiry: { priorityTier: 'P1', grade: 'A' } }))).toEqual([]);
    expect(reactionsFor(mail({ inquiry: { priorityTier: 'P3', grade: 'D' } }))).toEqual([]);
    expect(
      reactionsFor(
        mail({
          kind: 'platform_inquiry',
          lead: { email: null, liveEnrollments: 0, sequencesEverEnrolled: [] },
        }),
      ),
    ).toEqual([]);
    expect(
      reactionsFor(
        mail({
          lead: { email: 'buyer@example.com', liveEnrollments: 0, sequencesEverEnrolled: ['prospecting'] },
        }),
      ),
    ).toEqual([]);
  });

  it('treats a new inquiry from a lead with a running sequence as its reply', () => {
    const r = reactionsFor(
      mail({
        lead: { email: 'buyer@example.com', liveEnrollments: 1, sequencesEverEnrolled: ['prospecting'] },
      }),
    );
    expect(r).toEqual([{ type: 'replied', leadId: 7 }]);
  });

  it('pauses on our own mail to the buyer and follows a quotation up', () => {
    const quote = mail({
      kind: 'bcc_outbound',
      subject: 'RE: LED panels',
      understanding: { extras: { bodyText: 'Please find our quotation no. BL-Q2511-007 for 2,000 pcs.' } },
      inquiry: null,
    });
    expect(reactionsFor(quote)).toEqual([
      { type: 'manual_contact', leadId: 7 },
      { type: 'enroll', leadId: 7, sequence: 'quotation-followup', priority: 1 },
    ]);
    const chat = mail({
      kind: 'bcc_outbound',
      subject: 'RE: see you at the fair',
      inquiry: null,
      understanding: { extras: { bodyText: 'Booth 11.2 C15.' } },
    });
    expect(reactionsFor(chat)).toEqual([{ type: 'manual_contact', leadId: 7 }]);
  });

  it('turns replies, bounces, unsubscribes and out-of-office mail into the engine signals', () => {
    expect(reactionsFor(mail({ kind: 'reply', inquiry: null }))).toEqual([{ type: 'replied', leadId: 7 }]);
    expect(
      reactionsFor(
        mail({
          kind: 'bounce',
          leadId: null,
          lead: null,
          understanding: { bounce: { recipient: 'gone@example.com', permanent: true } },
        }),
      ),
    ).toEqual([{ type: 'hard_bounce', address: 'gone@example.com' }]);
    expect(
      reactionsFor(
        mail({
          kind: 'bounce',
          understanding: { bounce: { recipient: 'full@example.com', permanent: false } },
        }),
      ),
    ).toEqual([]);
    expect(
      reactionsFor(
        mail({ kind: 'unsubscribe', understanding: { extras: { unsubscribeAddress: 'other@example.com' } } }),
      ),
    ).toEqual([{ type: 'unsubscribe', address: 'other@example.com' }]);
    expect(reactionsFor(mail({ kind: 'unsubscribe', leadId: null, lead: null }))).toEqual([
      { type: 'unsubscribe', address: 'buyer@example.com' },
    ]);
    expect(
      reactionsFor(mail({ kind: 'auto_reply', understanding: { autoReply: { returnDate: '2025-12-01' } } })),
    ).toEqual([{ type: 'out_of_office', leadId: 7, returnDate: new Date('2025-12-01T00:00:00Z') }]);
    expect(
      reactionsFor(mail({ kind: 'auto_reply', understanding: { autoReply: { returnDate: 'soon' } } })),
    ).toEqual([{ type: 'out_of_office', leadId: 7, returnDate: null }]);
    expect(reactionsFor(mail({ kind: 'spam', inquiry: null }))).toEqual([]);
  });
});

describe('the sample mailbox moved in time', () => {
  it('rewrites only the Date header, in the original zone, and leaves every other byte', () => {
    const body = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0d, 0x0a]);
    const raw = Buffer.concat([
      Buffer.from(
        'From: a@b.example\r\nDate: Thu, 6 Nov 2025 09:03:02 +0800 (CST)\r\nSubject: x\r\n\r\nDate: not a header\r\n',
      ),
      body,
    ]);
    expect(dateOf(raw)?.toISOString()).toBe('2025-11-06T01:03:02.000Z');
    const moved = withDate(raw, new Date('2026-03-01T16:30:00Z'));
    expect(moved.toString('latin1')).toBe(
      'From: a@b.example\r\nDate: Mon, 2 Mar 2026 00:30:00 +0800\r\nSubject: x\r\n\r\nDate: not a header\r\n' +
        body.toString('latin1'),
    );
    expect(dateOf(moved)?.toISOString()).toBe('2026-03-01T16:30:00.000Z');
  });

  it('lands the newest mail at the given time, keeps the gaps, and lets an undated mail follow the one before', () => {
    const src = join(tmp, 'src');
    mkdirSync(src);
    writeFileSync(join(src, '01-a.eml'), 'Date: Mon, 3 Nov 2025 10:00:00 +0000\nSubject: a\n\nA\n');
    writeFileSync(join(src, '02-b.eml'), 'headerless fragment\n');
    writeFileSync(join(src, '03-c.eml'), 'Date: Wed, 5 Nov 2025 10:00:00 -0500\nSubject: c\n\nC\n');
    const last = new Date('2026-06-10T12:00:00Z');
    const arrivals = placeMailbox(src, join(tmp, 'out'), last);
    expect(arrivals.map((a) => [a.name, a.at.toISOString()])).toEqual([
      ['01-a.eml', '2026-06-08T07:00:00.000Z'],
      ['02-b.eml', '2026-06-08T07:00:00.000Z'],
      ['03-c.eml', '2026-06-10T12:00:00.000Z'],
    ]);
    expect(readFileSync(arrivals[1]!.file, 'utf8')).toBe('headerless fragment\n');
    expect(readFileSync(arrivals[2]!.file, 'utf8')).toBe(
      'Date: Wed, 10 Jun 2026 07:00:00 -0500\nSubject: c\n\nC\n',
    );
  });

  it('moves the bundled story by whole weeks, so every mail keeps its weekday and time of day', () => {
    const dir = join(REPO_ROOT, 'demo', 'mailbox');
    // Any day of the week the demo may start on: the newest mail lands within the week before.
    for (let day = 0; day < 7; day++) {
      const target = new Date(Date.UTC(2026, 11, 6 + day, 15, 0));
      const last = weekAligned(dir, target);
      expect(target.getTime() - last.getTime()).toBeGreaterThanOrEqual(0);
      expect(target.getTime() - last.getTime()).toBeLessThan(7 * 86_400_000);
      const out = join(tmp, `week-${day}`);
      for (const a of placeMailbox(dir, out, last)) {
        const original = dateOf(readFileSync(join(dir, a.name)));
        if (original === null) continue;
        expect(a.at.getUTCDay(), a.name).toBe(original.getUTCDay());
        expect(a.at.getUTCHours() * 60 + a.at.getUTCMinutes(), a.name).toBe(
          original.getUTCHours() * 60 + original.getUTCMinutes(),
        );
      }
    }
  });

  it('dates every bundled sample mail but the one deliberately broken export', () => {
    const dir = join(REPO_ROOT, 'demo', 'mailbox');
    const names = readdirSync(dir).filter((n) => n.endsWith('.eml'));
    expect(names.length).toBeGreaterThanOrEqual(30);
    const undated = names.filter((n) => dateOf(readFileSync(join(dir, n))) === null);
    expect(undated).toEqual(['27-truncated-export-fragment.eml']);
  });
});

describe('the .eml outbox', () => {
  const config = parseConfig(
    {
      company: { name: 'X', domains: ['x.example'] },
      mailboxes: [
        {
          name: 'lily',
          role: 'salesperson',
          address: 'lily@x.example',
          imap: { host: 'imap.x.example', auth: { user: 'l', password: 'p' } },
          smtp: { host: 'smtp.x.example' },
        },
        {
          name: 'inbox',
          role: 'inquiries',
          address: 'sales@x.example',
          imap: { host: 'imap.x.example', auth: { user: 's', password: 'p' } },
        },
      ],
      salespeople: [{ email: 'lily@x.example', name: 'Lily', timeZone: 'Europe/Berlin', mailbox: 'lily' }],
    },
    {},
  );

  it('writes the exact bytes it is given, numbered, and answers like an SMTP server', async () => {
    const dir = join(tmp, 'outbox');
    const outbox = fileMailboxDirectory(config, dir);
    const lily = outbox.get('lily');
    expect(lily.throttle.timeZone).toBe('Europe/Berlin');
    expect(lily.sentFolder).toBeNull();
    const raw = Buffer.from('Subject: hi\r\n\r\n\xff bytes\r\n', 'latin1');
    expect(await lily.submit({ from: 'lily@x.example', to: 'Buyer@Example.com' }, raw)).toBe(
      '250 2.0.0 written to 001-Buyer@Example.com.eml',
    );
    await lily.submit({ from: 'lily@x.example', to: 'b/../c@example.com' }, raw);
    expect(readdirSync(dir).sort()).toEqual(['001-Buyer@Example.com.eml', '002-b_.._c@example.com.eml']);
    expect(readFileSync(join(dir, '001-Buyer@Example.com.eml')).equals(raw)).toBe(true);
    expect(outbox.written()).toHaveLength(2);
  });

  it('refuses a mailbox without SMTP settings', () => {
    const outbox = fileMailboxDirectory(config, join(tmp, 'outbox2'));
    let error: unknown;
    try {
      outbox.get('inbox');
    } catch (err) {
      error = err;
    }
    expect(isTrademailError(error, 'NOT_FOUND')).toBe(true);
  });
});
