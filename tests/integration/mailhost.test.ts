/**
 * The test mail host itself: a private Dovecot and the SMTP sink, driven through the same
 * clients the product uses (imapflow, nodemailer).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { FetchQueryObject, ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DovecotHost,
  makeMessage,
  probePort,
  type SmtpSink,
  startDovecot,
  startSmtpSink,
} from '../helpers/mailhost/index.ts';

const SMTP_USER = { name: 'outbound', password: 'smtp-secret' };
const NOW = new Date('2025-03-04T05:06:07Z');

let dovecot: DovecotHost;
let smtp: SmtpSink;
let startMs = 0;

beforeAll(async () => {
  const t0 = performance.now();
  dovecot = await startDovecot({
    users: [
      { name: 'alice', password: 'alice-pw' },
      { name: 'bob', password: 'bob-pw' },
    ],
  });
  startMs = performance.now() - t0;
  smtp = await startSmtpSink({ users: [SMTP_USER], deliverTo: dovecot });
  // Long enough for the one-time apt-get install on a machine without Dovecot.
}, 300_000);

afterAll(async () => {
  await smtp?.stop();
  await dovecot?.stop();
});

async function withImap<T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = await dovecot.connect(user);
  try {
    return await fn(client);
  } finally {
    await client.logout();
  }
}

function transport(password = SMTP_USER.password) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: SMTP_USER.name, pass: password },
  });
}

/** A short message from a buyer to one of our users; the body is "b". */
function note(user: string, subject: string): string {
  return makeMessage({ from: 'x@buyer.test', to: `${user}@factory.test`, subject, body: 'b', date: NOW });
}

/** Resolves when the server drops the connection; the error event that comes with it is expected. */
function dropped(client: ImapFlow): Promise<void> {
  client.on('error', () => undefined);
  return new Promise((resolve) => client.once('close', () => resolve()));
}

async function fetchUid(client: ImapFlow, uid: number | string, query: FetchQueryObject) {
  const msg = await client.fetchOne(String(uid), query, { uid: true });
  if (msg === false) throw new Error(`UID ${uid} not found`);
  return msg;
}

/** Processes whose command line names the instance directory (Dovecot titles carry it). */
function processesOf(root: string): number[] {
  const tag = root.split('/').pop()!;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(tag);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Flags without \\Recent, which Dovecot sets on the first session to see a message (RFC 3501 2.3.2). */
function systemFlags(flags: Set<string> | undefined): string[] {
  return [...(flags ?? [])].filter((flag) => flag !== '\\Recent').sort();
}

describe('private Dovecot', () => {
  it('listens on loopback and advertises IDLE', async () => {
    console.info(`dovecot first start (includes setup checks): ${startMs.toFixed(0)} ms`);
    expect(dovecot.host).toBe('127.0.0.1');
    const caps = await withImap('alice', async (client) => [...client.capabilities.keys()]);
    expect(caps).toContain('IDLE');
    expect(caps).toContain('UIDPLUS');
  });

  it('returns an appended message byte for byte, fetched by UID', async () => {
    const raw = makeMessage({
      from: 'Li Wei <li.wei@buyer.test>',
      to: 'alice@factory.test',
      subject: 'Inquiry: 2,000 pcs stainless bottles, FOB Ningbo',
      body: 'Please quote 2000 pcs.\nTarget price USD 1.20.',
      messageId: '<inq-1@buyer.test>',
      date: NOW,
    });
    const { uid, uidValidity } = await dovecot.appendMessage('alice', 'INBOX', raw);
    expect(uid).toBeGreaterThan(0);
    await withImap('alice', async (client) => {
      const mailbox = await client.mailboxOpen('INBOX');
      expect(mailbox.uidValidity).toBe(uidValidity);
      const msg = await fetchUid(client, String(uid), { source: true, envelope: true });
      expect(msg.uid).toBe(uid);
      expect(msg.envelope?.messageId).toBe('<inq-1@buyer.test>');
      expect(msg.source?.toString('utf8')).toBe(raw);
    });
  });

  it('leaves \\Seen unset when the source is fetched (BODY.PEEK)', async () => {
    const raw = note('alice', 'peek');
    const { uid } = await dovecot.appendMessage('alice', 'INBOX', raw, ['\\Flagged']);
    await withImap('alice', async (client) => {
      await client.mailboxOpen('INBOX');
      // imapflow asks for BODY.PEEK[] and BODY.PEEK[<part>], which must not set \Seen (RFC 3501 6.4.5).
      const fetched = await client.fetchOne(String(uid), { source: true }, { uid: true });
      expect(fetched === false ? 0 : fetched.source?.length).toBeGreaterThan(0);
      const parts = await fetchUid(client, uid, { headers: true, bodyParts: ['TEXT'] });
      expect(parts.bodyParts?.get('text')?.toString('utf8')).toBe('b\r\n');
      const after = await fetchUid(client, String(uid), { flags: true });
      expect(systemFlags(after.flags)).toEqual(['\\Flagged']);
      // The control: an explicit STORE does set it, so the flag reads above are live.
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      const seen = await fetchUid(client, String(uid), { flags: true });
      expect(seen.flags?.has('\\Seen')).toBe(true);
    });
  });

  it('lists Sent with SPECIAL-USE \\Sent for every user', async () => {
    const folders = await withImap('bob', (client) => client.list());
    const sent = folders.find((f) => f.path === 'Sent');
    expect(sent?.specialUse).toBe('\\Sent');
    expect(sent?.subscribed).toBe(true);
    expect(folders.map((f) => f.path)).toEqual(expect.arrayContaining(['INBOX', 'Drafts', 'Junk', 'Trash']));
  });

  it('seeds 10,000 messages straight into the Maildir, indexed in array order', async () => {
    const raws = Array.from({ length: 10_000 }, (_, i) =>
      makeMessage({
        from: `buyer${i}@buyer.test`,
        to: 'alice@factory.test',
        subject: `bulk ${i}`,
        body: `message number ${i}`,
        messageId: `<bulk-${i}@buyer.test>`,
        date: NOW,
      }),
    );
    const t0 = performance.now();
    await dovecot.writeMaildirMessages('alice', 'Archive', raws);
    const seedMs = performance.now() - t0;
    const t1 = performance.now();
    await withImap('alice', async (client) => {
      const status = await client.status('Archive', { messages: true, uidNext: true });
      const indexMs = performance.now() - t1;
      console.info(
        `maildir seed of 10,000: write ${seedMs.toFixed(0)} ms, first STATUS ${indexMs.toFixed(0)} ms`,
      );
      expect(status).toMatchObject({ messages: 10_000, uidNext: 10_001 });
      await client.mailboxOpen('Archive');
      const first = await fetchUid(client, '1', { envelope: true, flags: true });
      const last = await fetchUid(client, '10000', { envelope: true, source: true });
      expect(first.envelope?.subject).toBe('bulk 0');
      expect(first.flags?.has('\\Seen')).toBe(false);
      expect(last.envelope?.subject).toBe('bulk 9999');
      expect(last.source?.toString('utf8')).toBe(raws[9999]);
    });
  }, 60_000);

  it('seeds messages with flags into cur/', async () => {
    const raw = note('bob', 'read');
    await dovecot.writeMaildirMessages('bob', 'Sent', [raw], { flags: ['\\Seen', '\\Answered'] });
    await withImap('bob', async (client) => {
      await client.mailboxOpen('Sent');
      const msg = await fetchUid(client, '*', { flags: true, envelope: true });
      expect(msg.envelope?.subject).toBe('read');
      expect(systemFlags(msg.flags)).toEqual(['\\Answered', '\\Seen']);
    });
  });

  it('restart() keeps messages and UIDVALIDITY and drops open connections', async () => {
    const raw = note('bob', 'survives');
    const { uid, uidValidity } = await dovecot.appendMessage('bob', 'INBOX', raw);
    const open = await dovecot.connect('bob');
    const closed = dropped(open);
    await open.mailboxOpen('INBOX');

    const t0 = performance.now();
    await dovecot.restart();
    console.info(`dovecot restart: ${(performance.now() - t0).toFixed(0)} ms`);
    await closed;

    await withImap('bob', async (client) => {
      const mailbox = await client.mailboxOpen('INBOX');
      expect(mailbox.uidValidity).toBe(uidValidity);
      const msg = await fetchUid(client, String(uid), { envelope: true });
      expect(msg.envelope?.subject).toBe('survives');
    });
  });

  it('recreateFolder() changes UIDVALIDITY, renumbers and keeps messages and flags', async () => {
    await dovecot.addUser('carol', 'carol-pw');
    await dovecot.appendMessage('carol', 'INBOX', note('carol', 'one'));
    const second = await dovecot.appendMessage('carol', 'INBOX', note('carol', 'two'), ['\\Seen']);
    await withImap('carol', async (client) => {
      await client.mailboxOpen('INBOX');
      await client.messageDelete(String(second.uid - 1), { uid: true });
    });
    await dovecot.appendMessage('carol', 'INBOX', note('carol', 'three'));
    const closed = dropped(await dovecot.connect('carol'));

    const { before, after } = await dovecot.recreateFolder('carol', 'INBOX');
    await closed;
    expect(before).toBe(second.uidValidity);
    expect(after).not.toBe(before);

    await withImap('carol', async (client) => {
      const mailbox = await client.mailboxOpen('INBOX');
      expect(mailbox.uidValidity).toBe(after);
      const messages = [];
      for await (const msg of client.fetch('1:*', { uid: true, envelope: true, flags: true })) {
        messages.push({ uid: msg.uid, subject: msg.envelope?.subject, seen: msg.flags?.has('\\Seen') });
      }
      // UIDs 2 and 3 before (1 was expunged); the recreated folder starts again at 1.
      expect(messages.map((m) => m.uid)).toEqual([1, 2]);
      expect(messages.map((m) => m.subject).sort()).toEqual(['three', 'two']);
      expect(messages.find((m) => m.subject === 'two')?.seen).toBe(true);
    });
  });

  it('starts an { idle: false } instance within 2 s; it omits IDLE, and stop() leaves nothing', async () => {
    const t0 = performance.now();
    const noIdle = await startDovecot({ idle: false, users: [{ name: 'dave', password: 'dave-pw' }] });
    const ms = performance.now() - t0;
    console.info(`dovecot start: ${ms.toFixed(0)} ms`);
    try {
      expect(ms).toBeLessThan(2000);
      const client = await noIdle.connect('dave');
      const caps = [...client.capabilities.keys()];
      await client.logout();
      expect(caps).not.toContain('IDLE');
      expect(caps).toContain('UIDPLUS');
      expect(processesOf(noIdle.root).length).toBeGreaterThan(0);
      await noIdle.stop();
      expect(processesOf(noIdle.root)).toEqual([]);
      expect(await probePort(noIdle.port)).toBe('ECONNREFUSED');
    } finally {
      await noIdle.stop();
    }
  });
});

describe('SMTP sink', () => {
  it('accepts authenticated mail from nodemailer and delivers it into the Dovecot INBOX', async () => {
    const before = smtp.messages.length;
    const raw = makeMessage({
      from: 'alice@factory.test',
      to: 'bob@factory.test',
      subject: 'Quotation QT-7 — stainless bottles',
      body: 'Dear Bob,\nplease find our quotation.',
      messageId: '<qt-7@factory.test>',
      date: NOW,
    });
    const mailer = transport();
    const info = await mailer.sendMail({
      envelope: { from: 'alice@factory.test', to: ['bob@factory.test'] },
      raw,
    });
    mailer.close();
    expect(info.accepted).toEqual(['bob@factory.test']);

    const records = await smtp.waitFor(before + 1, 2000);
    const record = records[before]!;
    expect(record).toMatchObject({
      from: 'alice@factory.test',
      to: ['bob@factory.test'],
      authUser: 'outbound',
    });
    expect(record.deliveredTo).toEqual(['bob']);
    expect(record.raw.toString('utf8')).toContain('Message-ID: <qt-7@factory.test>');

    await withImap('bob', async (client) => {
      await client.mailboxOpen('INBOX');
      const uids = await client.search({ header: { 'message-id': '<qt-7@factory.test>' } }, { uid: true });
      expect(uids).toHaveLength(1);
      const msg = await fetchUid(client, String((uids as number[])[0]), { source: true });
      const parsed = await simpleParser(msg.source ?? Buffer.alloc(0));
      expect(parsed.subject).toBe('Quotation QT-7 — stainless bottles');
      expect((parsed.headers.get('delivered-to') as { text?: string } | undefined)?.text).toBe(
        'bob@factory.test',
      );
      expect(parsed.text).toContain('please find our quotation.');
    });
  });

  it('rejects a wrong password with 535', async () => {
    const mailer = transport('wrong');
    const sent = mailer.sendMail({
      from: 'alice@factory.test',
      to: 'bob@factory.test',
      subject: 's',
      text: 't',
    });
    await expect(sent).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
    mailer.close();
  });

  it('rejects chosen recipients with the configured 5xx or 4xx code', async () => {
    smtp.rejectRecipient('gone@buyer.test', 550, 'No such user');
    smtp.rejectRecipient('busy@buyer.test', 451, 'Try again later');
    const mailer = transport();
    const send = (to: string) => mailer.sendMail({ from: 'alice@factory.test', to, subject: 's', text: 't' });
    await expect(send('gone@buyer.test')).rejects.toMatchObject({ responseCode: 550 });
    await expect(send('busy@buyer.test')).rejects.toMatchObject({ responseCode: 451 });
    smtp.acceptRecipient('busy@buyer.test');
    const info = await send('busy@buyer.test');
    mailer.close();
    expect(info.accepted).toEqual(['busy@buyer.test']);
    // Not a Dovecot user: recorded, not delivered.
    expect(smtp.messages.at(-1)).toMatchObject({ to: ['busy@buyer.test'], deliveredTo: [] });
  });

  it('waitFor() rejects when too few messages arrive in time', async () => {
    const count = smtp.messages.length;
    await expect(smtp.waitFor(count + 1, 50)).rejects.toThrow(/expected/);
  });
});

describe('makeMessage', () => {
  it('builds a message mailparser reads back, with encoded non-ASCII headers', async () => {
    const raw = makeMessage({
      from: '王伟 <wang.wei@buyer.test>',
      to: ['a@factory.test', 'b@factory.test'],
      subject: '询价：不锈钢保温杯 2000 个，请报 FOB 宁波价格，并告知交期和最小起订量',
      body: '您好，\n请报价。',
      html: '<p>您好</p>',
      inReplyTo: '<q-1@factory.test>',
      headers: { 'X-Mailer': 'Foxmail 7.2' },
      date: NOW,
    });
    expect(/^[\x00-\x7f]*\r\n\r\n/.test(raw.slice(0, raw.indexOf('\r\n\r\n') + 4))).toBe(true);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('询价：不锈钢保温杯 2000 个，请报 FOB 宁波价格，并告知交期和最小起订量');
    expect(parsed.from?.value[0]).toMatchObject({ name: '王伟', address: 'wang.wei@buyer.test' });
    expect(parsed.date?.toISOString()).toBe(NOW.toISOString());
    expect(parsed.inReplyTo).toBe('<q-1@factory.test>');
    expect(parsed.text?.trim()).toBe('您好，\n请报价。');
    expect(parsed.html).toContain('<p>您好</p>');
    expect(parsed.headers.get('x-mailer')).toBe('Foxmail 7.2');
  });
});
