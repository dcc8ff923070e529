/**
 * Mail transports that write each submitted message as an .eml file instead of talking SMTP:
 * the sequence engine's sender and the SLA notices hand over the exact bytes they would give
 * SMTP (stored in the outbox before the call), so the files are what a buyer or a colleague
 * would have received. Used where no mail account exists (the demo); they plug in where the SMTP
 * pool (MailboxDirectory) and the notice transports (TransportFactory) do.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../config/schema.ts';
import { TrademailError } from '../errors.ts';
import {
  DEFAULT_THROTTLE,
  type MailboxDirectory,
  type MailboxThrottle,
  type OutboundMailbox,
  throttleFromConfig,
} from '../sequences/engine/index.ts';
import type { NoticeTransport, TransportFactory } from '../sla/notify/transport.ts';

function fileName(n: number, to: string): string {
  return `${String(n).padStart(3, '0')}-${to.replace(/[^a-z0-9@._-]/gi, '_')}.eml`;
}

/** One folder of .eml files, numbered in the order they were written. */
export interface EmlFolder {
  readonly dir: string;
  /** Writes the bytes and answers as an SMTP server would, naming the file. */
  write(to: string, raw: Buffer): string;
  written(): string[];
}

export function emlFolder(dir: string): EmlFolder {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  return {
    dir,
    write(to, raw) {
      const file = fileName(files.length + 1, to);
      writeFileSync(join(dir, file), raw, { flag: 'wx' });
      files.push(file);
      return `250 2.0.0 written to ${file}`;
    },
    written: () => [...files],
  };
}

/** SLA reminders and escalations into the folder, for every route (whichever mailbox sends them). */
export function fileNoticeTransports(folder: EmlFolder): TransportFactory {
  const transport: NoticeTransport = {
    async sendMail(mail) {
      const to = [mail.envelope?.to ?? []].flat().map(String);
      const raw = Buffer.isBuffer(mail.raw) ? mail.raw : Buffer.from(String(mail.raw ?? ''));
      const response = folder.write(to[0] ?? 'unknown', raw);
      const info = {
        envelope: mail.envelope,
        messageId: '',
        accepted: to,
        rejected: [],
        pending: [],
        response,
      };
      return info as unknown as SMTPTransport.SentMessageInfo;
    },
    close() {},
  };
  return () => transport;
}

/**
 * Mailboxes of the config that have SMTP settings, each writing into `dir`. Files are numbered
 * in submission order; the reply names the file, as an SMTP server's reply names its queue id.
 */
export function fileMailboxDirectory(
  config: Pick<Config, 'mailboxes' | 'salespeople'>,
  dir: string | EmlFolder,
  limits: Partial<Omit<MailboxThrottle, 'timeZone'>> = {},
): MailboxDirectory & { written(): string[] } {
  const folder = typeof dir === 'string' ? emlFolder(dir) : dir;
  const throttleOf = throttleFromConfig(config, limits);
  const open = new Map<string, OutboundMailbox>();
  return {
    get(name) {
      const hit = open.get(name);
      if (hit !== undefined) return hit;
      const cfg = config.mailboxes.find((m) => m.name === name);
      if (cfg?.smtp === undefined) {
        throw new TrademailError(
          'NOT_FOUND',
          `mailbox "${name}" is not in the config or has no smtp settings`,
          {
            details: { mailbox: name },
          },
        );
      }
      const throttle = { ...DEFAULT_THROTTLE, ...throttleOf(cfg) };
      const mailbox: OutboundMailbox = {
        name,
        async submit(envelope, raw) {
          return folder.write(envelope.to, raw);
        },
        sentFolder: null,
        appendsToSent: false,
        throttle,
        concurrency: 1,
      };
      open.set(name, mailbox);
      return mailbox;
    },
    async close() {
      open.clear();
    },
    written: () => folder.written(),
  };
}
