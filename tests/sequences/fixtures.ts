/**
 * Shared test data for the sequence engine suites: leads, small sequence definitions, a renderer
 * that needs no template folder, a seeded jitter source, and in-memory mailboxes that implement
 * the engine's OutboundMailbox / SentFolder interfaces (for store-level suites without network).
 */
import path from 'node:path';
import { seededRng } from '../../src/sequences/timing/seeded-rng.ts';

export { seededRng };

import type { MailboxConfig } from '../../src/config/schema.ts';
import { isTrademailError, TrademailError } from '../../src/errors.ts';
import type { SequenceDefinition } from '../../src/sequences/definitions/schema.ts';
import type {
  MailboxDirectory,
  MailboxThrottle,
  OutboundMailbox,
  SentFolder,
  StepRenderer,
  TimingOptions,
} from '../../src/sequences/engine/index.ts';
import { DEFAULT_SEND_WINDOW } from '../../src/sequences/timing/window.ts';
import type { Db } from '../../src/store/client.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export function timing(seed = 7): TimingOptions {
  return { window: DEFAULT_SEND_WINDOW, holidays: 'public', rng: seededRng(seed) };
}

/** A sequence of `steps` steps, each `days` days after the previous (the first at once). */
export function sequenceDef(
  name: string,
  steps: number,
  days = 1,
  extra: Partial<SequenceDefinition> = {},
): SequenceDefinition {
  return {
    name,
    description: `${name} test sequence`,
    stopOn: { reply: true, companyReply: true },
    maxAgeDays: 60,
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `step-${i}`,
      delay: i === 0 ? { minDays: 0, maxDays: 0 } : { minDays: days, maxDays: days },
      template: `template-${i}`,
      condition: null,
    })),
    source: `test:${name}`,
    ...extra,
  };
}

let leadCounter = 0;

export async function createLead(
  db: Db,
  fields: {
    email?: string;
    country?: string | null;
    name?: string;
    companyId?: number | null;
    timeZone?: string | null;
  } = {},
) {
  leadCounter += 1;
  return db.lead.create({
    data: {
      email: (fields.email ?? `buyer${leadCounter}-${process.pid}@buyer.example`).toLowerCase(),
      name: fields.name ?? `Buyer ${leadCounter}`,
      country: fields.country === undefined ? 'DE' : fields.country,
      timeZone: fields.timeZone ?? null,
      companyId: fields.companyId ?? null,
    },
  });
}

/**
 * Bulk seeding for the load suites: `count` leads, each with an active enrollment in `sequence`
 * whose first step is due at `dueAt` (what enroll() would write, without planning each one).
 */
export async function seedDueEnrollments(
  db: Db,
  sequence: string,
  count: number,
  dueAt: Date,
  prefix = 'load',
): Promise<void> {
  const seq = await db.sequence.findUniqueOrThrow({ where: { name: sequence } });
  const emails = Array.from({ length: count }, (_, i) => `${prefix}${i}@buyer.example`);
  for (let i = 0; i < count; i += 500) {
    await db.lead.createMany({
      data: emails.slice(i, i + 500).map((email) => ({ email, name: email.split('@')[0]!, country: 'DE' })),
    });
  }
  const leads = await db.lead.findMany({ where: { email: { in: emails } }, select: { id: true } });
  for (let i = 0; i < leads.length; i += 500) {
    await db.enrollment.createMany({
      data: leads.slice(i, i + 500).map((l) => ({
        leadId: l.id,
        sequenceId: seq.id,
        state: 'active',
        stateEnteredAt: dueAt,
        liveKey: `${l.id}:${seq.id}`,
        nextStepAt: dueAt,
        createdAt: dueAt,
      })),
    });
  }
}

/** Renders steps without a template folder: subject and body name the step and the lead. */
export const plainRenderer: StepRenderer = (input) => ({
  subject: `LED panels for ${input.lead.name ?? 'you'}`,
  text: `Hello ${input.lead.name ?? ''},\nstep ${input.step.key} of ${input.sequenceName}.\nAny questions?\n`,
  html: `<p>Hello ${input.lead.name ?? ''},</p><p>step ${input.step.key}</p>`,
  headers: { 'List-Unsubscribe': '<mailto:unsubscribe@bright.example?subject=unsubscribe>' },
});

export const SENDER = { mailboxName: 'lily', address: 'lily@bright.example', name: 'Lily Wang' };

/**
 * The sender's mailbox as the config gives it: SMTP on the test sink, IMAP (for copies to Sent
 * and the Sent folder look-up) on the test Dovecot, or on a port nothing listens on when the
 * suite never contacts IMAP.
 */
export function senderMailbox(
  smtp: { host: string; port: number },
  imap?: { host: string; port: number; user: string; password: string },
): MailboxConfig {
  return {
    name: SENDER.mailboxName,
    role: 'salesperson',
    address: SENDER.address,
    imap: {
      host: imap?.host ?? '127.0.0.1',
      port: imap?.port ?? 1,
      secure: false,
      requireTls: false,
      auth: { user: imap?.user ?? 'unused', password: imap?.password ?? 'unused' },
    },
    smtp: { host: smtp.host, port: smtp.port, secure: false, requireTls: false },
    folders: ['INBOX'],
    sentCopy: 'append',
  };
}

/** An in-memory Sent folder. */
export class MemorySentFolder implements SentFolder {
  readonly messages: Array<{ raw: Buffer; date: Date }> = [];
  failAppend = false;
  async append(raw: Buffer, date: Date): Promise<void> {
    if (this.failAppend) throw new TrademailError('IMAP_CONNECT', 'test: IMAP down');
    this.messages.push({ raw, date });
  }
  async contains(messageId: string): Promise<boolean> {
    return this.messages.some((m) => m.raw.toString('latin1').includes(`Message-ID: ${messageId}`));
  }
  async close(): Promise<void> {}
}

/** A mailbox whose SMTP is a function: tests decide per call what the "server" answers. */
export class ScriptedMailbox implements OutboundMailbox {
  readonly submitted: Array<{ to: string; raw: Buffer }> = [];
  readonly sentFolder: MemorySentFolder | null;
  readonly appendsToSent: boolean;
  readonly throttle: MailboxThrottle;
  readonly concurrency: number;
  answer: (to: string, raw: Buffer) => Promise<string> = async () => '250 2.0.0 OK';

  constructor(
    readonly name: string,
    options: {
      throttle?: Partial<MailboxThrottle>;
      sentFolder?: boolean;
      appendsToSent?: boolean;
      concurrency?: number;
    } = {},
  ) {
    this.throttle = { dailyCap: 1000, minGapMs: 0, timeZone: 'Asia/Shanghai', ...options.throttle };
    this.sentFolder = options.sentFolder === false ? null : new MemorySentFolder();
    this.appendsToSent = options.appendsToSent ?? true;
    this.concurrency = options.concurrency ?? 1;
  }

  async submit(envelope: { from: string; to: string }, raw: Buffer): Promise<string> {
    const response = await this.answer(envelope.to, raw);
    this.submitted.push({ to: envelope.to, raw });
    return response;
  }
}

export function directoryOf(...mailboxes: OutboundMailbox[]): MailboxDirectory {
  return {
    get(name) {
      const m = mailboxes.find((x) => x.name === name);
      if (m === undefined) throw new TrademailError('NOT_FOUND', `no mailbox ${name}`);
      return m;
    },
    async close() {},
  };
}

/** An SMTP error shaped like nodemailer's. */
export function smtpReply(code: number, command: string): Error {
  return Object.assign(new Error(`${code} test reply`), {
    responseCode: code,
    command,
    code: 'EENVELOPE',
    response: `${code} test reply`,
  });
}

export function messageIdOf(raw: Buffer): string {
  const m = /^Message-ID: (<[^>]+>)/im.exec(raw.toString('latin1'));
  if (m === null) throw new Error('no Message-ID in message');
  return m[1]!;
}

/** The error code of a rejection, for `expect(code(err)).toBe(...)`. */
export function code(err: unknown): string | undefined {
  return isTrademailError(err) ? err.code : undefined;
}

/** The lead's timeline notes, oldest first. */
export async function notes(db: Db, leadId: number): Promise<string[]> {
  const rows = await db.activity.findMany({ where: { leadId, type: 'note' }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.summary);
}
