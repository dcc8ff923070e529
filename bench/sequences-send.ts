/**
 * Sends per second to a local SMTP sink (a separate process): raw nodemailer (pooled, 5
 * connections, the same stored bytes, 5 in flight) against the engine's sender (claim, send,
 * record `sent` and the timeline entry, in priority order) draining the same number of queued
 * mails in one pass, in the same run. Sent-folder copies are off here, as for a provider that
 * files submitted mail itself. Raw nodemailer is measured twice: with its default sockets, and
 * with the engine's Nagle-free sockets (noDelaySocket), the like-for-like baseline. Two sinks:
 * one answering at once (loopback: the engine's database work is all that differs) and one
 * answering after 20 ms (closer to a real server). Prints the ratios (target >= 0.8).
 * Run: node --import tsx bench/sequences-send.ts [mails]
 */
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { MailboxConfig } from '../src/config/schema.ts';
import { smtpOptions } from '../src/mail/smtp.ts';
import { composeMessage, mailboxDirectory, newMessageId, sendDue } from '../src/sequences/engine/index.ts';
import { noDelaySocket } from '../src/sequences/engine/mailboxes.ts';
import type { Db } from '../src/store/client.ts';
import { insertOutbound } from '../src/store/sequences/outbox.ts';
import {
  postgresDatabase,
  postgresReachable,
  sqliteDatabase,
  type TestDatabase,
} from '../tests/helpers/db.ts';

const MAILS = Number(process.argv[2] ?? 1000);
const CONNECTIONS = 5;
const ROUNDS = 3;
const FROM = 'lily@bright.example';

async function startSink(delayMs: number): Promise<{
  port: number;
  count(): Promise<number>;
  stop(): void;
  child: ChildProcess;
}> {
  const child = fork(path.join(import.meta.dirname, 'sequences-sink.ts'), [String(delayMs)], {
    execArgv: ['--import', 'tsx'],
  });
  const port = await new Promise<number>((resolve) => {
    child.once('message', (m: { type: string; port: number }) => resolve(m.port));
  });
  return {
    port,
    child,
    count: () =>
      new Promise((resolve) => {
        child.once('message', (m: { type: string; count: number }) => resolve(m.count));
        child.send({ type: 'count' });
      }),
    stop: () => child.disconnect(),
  };
}

async function messages(
  n: number,
  tag: string,
): Promise<Array<{ to: string; raw: Buffer; messageId: string }>> {
  return Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const messageId = newMessageId(FROM);
      const to = `buyer${i}-${tag}@buyer.example`;
      const raw = await composeMessage({
        from: { name: 'Lily Wang', address: FROM },
        to: { name: `Buyer ${i}`, address: to },
        subject: 'LED panels for your shops',
        text: 'Hello,\nwe make LED panels; would samples help?\nBest regards,\nLily Wang\n',
        html: '<p>Hello,</p><p>we make LED panels; would samples help?</p><p>Best regards,<br>Lily Wang</p>',
        messageId,
        inReplyTo: null,
        references: [],
        date: new Date(),
        headers: { 'List-Unsubscribe': '<mailto:unsubscribe@bright.example?subject=unsubscribe>' },
      });
      return { to, raw, messageId };
    }),
  );
}

async function rawNodemailer(port: number, noDelay: boolean): Promise<number> {
  const mails = await messages(MAILS, `raw${Math.random()}`);
  const transport = nodemailer.createTransport({
    ...smtpOptions({ host: '127.0.0.1', port, secure: false, requireTls: false }, true),
    pool: true,
    maxConnections: CONNECTIONS,
    ...(noDelay ? { getSocket: noDelaySocket() } : {}),
  });
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < mails.length) {
      const m = mails[next++]!;
      await transport.sendMail({ envelope: { from: FROM, to: [m.to] }, raw: m.raw });
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, lane));
  const seconds = (performance.now() - t0) / 1000;
  transport.close();
  return MAILS / seconds;
}

async function engine(db: Db, port: number, round: number): Promise<number> {
  const mailbox: MailboxConfig = {
    name: `bench${round}${Math.random().toString(36).slice(2, 6)}`,
    role: 'salesperson',
    address: FROM,
    imap: {
      host: '127.0.0.1',
      port: 1,
      secure: false,
      requireTls: false,
      auth: { user: 'unused', password: 'unused' },
    },
    smtp: { host: '127.0.0.1', port, secure: false, requireTls: false },
    folders: ['INBOX'],
    sentCopy: 'append' as const,
  };
  const now = new Date();
  for (const m of await messages(MAILS, `engine${round}`)) {
    await insertOutbound(db, {
      idempotencyKey: `bench:${m.messageId}`,
      enrollmentId: null,
      stepPosition: null,
      leadId: null,
      kind: 'manual',
      mailboxName: mailbox.name,
      fromAddress: FROM,
      toAddress: m.to,
      subject: 'LED panels for your shops',
      messageId: m.messageId,
      inReplyTo: null,
      references: [],
      raw: m.raw,
      now,
    });
  }
  const mailboxes = mailboxDirectory([mailbox], {
    copyToSent: false,
    maxConnections: CONNECTIONS,
    throttle: () => ({ dailyCap: 1_000_000, minGapMs: 0 }),
  });
  let sent = 0;
  const t0 = performance.now();
  while (sent < MAILS) {
    const report = await sendDue({ db, worker: 'bench', mailboxes, sendBatchSize: MAILS }, new Date());
    if (report.outcomes.sent === 0) throw new Error(`engine stalled: ${JSON.stringify(report)}`);
    sent += report.outcomes.sent;
  }
  const seconds = (performance.now() - t0) / 1000;
  await mailboxes.close();
  return MAILS / seconds;
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1]!;

/** Loopback answers at once; 20 ms stands in for a remote server's round trips and queue write. */
for (const delayMs of [0, 20]) {
  const sink = await startSink(delayMs);
  try {
    const makers: Array<() => TestDatabase> = [sqliteDatabase];
    if (await postgresReachable()) makers.push(postgresDatabase);
    await rawNodemailer(sink.port, true); // warm-up: connections, JIT
    for (const make of makers) {
      const database = make();
      const store = await database.open();
      try {
        const plain: number[] = [];
        const raw: number[] = [];
        const eng: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          plain.push(await rawNodemailer(sink.port, false));
          raw.push(await rawNodemailer(sink.port, true));
          eng.push(await engine(store.db, sink.port, round));
        }
        const [p, r, e] = [median(plain), median(raw), median(eng)];
        const rounds = (v: number[]) => v.map((x) => x.toFixed(0)).join('/');
        console.log(
          `${database.name.padEnd(8)} sink answers after ${delayMs} ms; ${MAILS} mails x ${ROUNDS} rounds, ${CONNECTIONS} connections: ` +
            `engine ${e.toFixed(0)}/s; raw nodemailer on the same sockets ${r.toFixed(0)}/s -> ratio ${(e / r).toFixed(2)}; ` +
            `raw nodemailer default sockets ${p.toFixed(0)}/s -> ratio ${(e / p).toFixed(2)} ` +
            `(rounds: engine ${rounds(eng)}, raw ${rounds(raw)}, default ${rounds(plain)})`,
        );
      } finally {
        await store.close();
        await database.drop();
      }
    }
    console.log(`sink (${delayMs} ms) received ${await sink.count()} messages`);
  } finally {
    sink.stop();
  }
}
