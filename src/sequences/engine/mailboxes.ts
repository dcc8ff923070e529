/**
 * The sending side of each configured mailbox: a pooled SMTP transport (nodemailer) that submits
 * stored bytes with an explicit envelope, the IMAP Sent folder, and the mailbox's throttle.
 * Transports and IMAP connections are opened on first use and kept for the process' life.
 */
import net from 'node:net';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Config, MailboxConfig } from '../../config/schema.ts';
import { TrademailError } from '../../errors.ts';
import { nodemailer } from '../../lazy-packages.ts';
import type { Logger } from '../../log/logger.ts';
import { smtpOptions } from '../../mail/smtp.ts';
import type { SentFolder } from './sent-folder.ts';
import { ImapSentFolder } from './sent-folder.ts';

/** A mailbox's sending limits (see timing/throttle.ts). */
export interface MailboxThrottle {
  dailyCap: number;
  minGapMs: number;
  /** Zone whose midnight resets the daily count: the mailbox owner's. */
  timeZone: string;
}

/**
 * Defaults: about what one salesperson's account sends without looking like bulk mail to its
 * provider, spaced so the buyer's server sees a person's rhythm, not a burst.
 */
export const DEFAULT_THROTTLE: MailboxThrottle = Object.freeze({
  dailyCap: 200,
  minGapMs: 20_000,
  timeZone: 'Asia/Shanghai',
});

export interface OutboundMailbox {
  readonly name: string;
  /** Hands the bytes to SMTP; resolves with the server's final reply (e.g. "250 2.0.0 OK"). */
  submit(envelope: { from: string; to: string }, raw: Buffer): Promise<string>;
  /** The Sent folder, where a copy proves a send after a crash; null when none is checked. */
  readonly sentFolder: SentFolder | null;
  /**
   * Whether trademail appends the copy itself. Gmail and Microsoft 365 file mail submitted over
   * SMTP into Sent on their own (`sentCopy: server`), and a second copy would be a duplicate.
   */
  readonly appendsToSent: boolean;
  readonly throttle: MailboxThrottle;
  /**
   * Mails in flight at once: twice the pooled SMTP connections, so one mail's database writes
   * overlap another's SMTP exchange and no connection waits idle; 1 whenever a minimum gap applies.
   */
  readonly concurrency: number;
}

export interface MailboxDirectory {
  /** Throws NOT_FOUND for a name that is not configured or has no SMTP settings. */
  get(name: string): OutboundMailbox;
  close(): Promise<void>;
}

export interface MailboxDirectoryOptions {
  throttle?: (mailbox: MailboxConfig) => Partial<MailboxThrottle>;
  /** Append a copy to the Sent folder (default true). */
  copyToSent?: boolean;
  /** Pooled SMTP connections per mailbox (default 5). */
  maxConnections?: number;
  log?: Logger | false;
}

type GetSocket = NonNullable<SMTPPool.Options['getSocket']>;

/**
 * Opens the TCP connection for nodemailer with Nagle's algorithm off. nodemailer writes the end
 * of the DATA (the final "." line, RFC 5321 4.1.1.4) as its own small segment; with Nagle on it
 * waits for the server's ACK of the body, which Linux delays by 40 ms, capping a connection at
 * about 25 mails a second. nodemailer still does TLS itself (implicit or STARTTLS) on this socket.
 */
export function noDelaySocket(timeoutMs = 15_000): GetSocket {
  return (options, callback) => {
    const socket = net.connect({ host: options.host ?? 'localhost', port: options.port ?? 25 });
    socket.setNoDelay(true);
    const fail = (err: Error) => {
      socket.destroy();
      callback(err, null);
    };
    socket.setTimeout(timeoutMs, () =>
      fail(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT', syscall: 'connect' })),
    );
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('error', fail);
      callback(null, { connection: socket });
    });
  };
}

export function mailboxDirectory(
  mailboxes: readonly MailboxConfig[],
  options: MailboxDirectoryOptions = {},
): MailboxDirectory {
  const open = new Map<
    string,
    { mailbox: OutboundMailbox; transport: Transporter<SMTPPool.SentMessageInfo> }
  >();
  const maxConnections = options.maxConnections ?? 5;
  return {
    get(name) {
      const hit = open.get(name);
      if (hit !== undefined) return hit.mailbox;
      const cfg = mailboxes.find((m) => m.name === name);
      if (cfg?.smtp === undefined) {
        throw new TrademailError(
          'NOT_FOUND',
          cfg === undefined
            ? `mailbox "${name}" is not in the config (mailboxes[].name)`
            : `mailbox "${name}" has no smtp settings; add mailboxes[].smtp to send from it`,
          { details: { mailbox: name } },
        );
      }
      const poolOptions: SMTPPool.Options = {
        ...smtpOptions(cfg.smtp, true),
        pool: true,
        maxConnections,
        getSocket: noDelaySocket(),
      };
      const transport = nodemailer().createTransport(poolOptions);
      const throttle = { ...DEFAULT_THROTTLE, ...options.throttle?.(cfg) };
      const mailbox: OutboundMailbox = {
        name,
        async submit(envelope, raw) {
          const info = await transport.sendMail({
            envelope: { from: envelope.from, to: [envelope.to] },
            raw,
          });
          return info.response;
        },
        sentFolder: options.copyToSent === false ? null : new ImapSentFolder(cfg.imap, options.log ?? false),
        appendsToSent: options.copyToSent !== false && cfg.sentCopy === 'append',
        throttle,
        concurrency: throttle.minGapMs > 0 ? 1 : 2 * maxConnections,
      };
      open.set(name, { mailbox, transport });
      return mailbox;
    },
    async close() {
      for (const { mailbox, transport } of open.values()) {
        transport.close();
        await mailbox.sentFolder?.close();
      }
      open.clear();
    },
  };
}

/** Throttle time zones from config: a mailbox counts its day in the zone of the salesperson who sends from it. */
export function throttleFromConfig(
  config: Pick<Config, 'salespeople'>,
  limits: Partial<Omit<MailboxThrottle, 'timeZone'>> = {},
): (mailbox: MailboxConfig) => Partial<MailboxThrottle> {
  return (mailbox) => {
    const owner = config.salespeople.find((s) => s.mailbox === mailbox.name);
    return { ...limits, ...(owner === undefined ? {} : { timeZone: owner.timeZone }) };
  };
}
