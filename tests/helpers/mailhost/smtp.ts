/**
 * An SMTP sink for tests (smtp-server on a free 127.0.0.1 port, no TLS): records every accepted
 * message, optionally requires AUTH PLAIN/LOGIN, rejects chosen recipients with a chosen reply
 * code, and can deliver each message into a test Dovecot mailbox by IMAP APPEND.
 *
 *   const smtp = await startSmtpSink({ users: [{ name: 'sales', password: 'pw' }], deliverTo: dovecot });
 *   smtp.rejectRecipient('gone@buyer.test', 550);
 *   ... send with nodemailer: { host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true, auth }
 *   const [msg] = await smtp.waitFor(1, 2000);
 */
import { EventEmitter } from 'node:events';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { DovecotHost, MailUser } from './dovecot.ts';
import { LOOPBACK } from './net.ts';

export interface SmtpRecord {
  /** MAIL FROM address; '' for the null sender (bounces, RFC 5321 section 4.5.5). */
  from: string;
  /** Accepted RCPT TO addresses. */
  to: string[];
  /** The DATA exactly as received (dot-unstuffed). */
  raw: Buffer;
  receivedAt: Date;
  /** The AUTH user of the session, when AUTH is on. */
  authUser: string | undefined;
  /** Dovecot users the message was appended for. */
  deliveredTo: string[];
}

export interface SmtpReply {
  /** 4xx (temporary) or 5xx (permanent), RFC 5321 section 4.2. */
  code: number;
  message?: string;
}

export interface SmtpSinkOptions {
  /** When given, AUTH is required and only these credentials pass; anything else gets 535. */
  users?: MailUser[];
  /** Recipient address (case-insensitive) to the reply its RCPT TO gets. */
  reject?: Record<string, SmtpReply>;
  /** Append each accepted message to this Dovecot, for recipients that map to a user there. */
  deliverTo?: DovecotHost;
  /** Recipient address to Dovecot user; default: the local part, if such a user exists. */
  mapRecipient?: (address: string) => string | undefined;
  /** Folder delivered to; default INBOX. */
  deliverFolder?: string;
  /** Also take AUTH XOAUTH2, with the tokens this accepts for the user (an OAuth2Server's isActive). */
  acceptToken?: (token: string, user: string) => boolean;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** Accepted messages, in order of acceptance. */
  readonly messages: readonly SmtpRecord[];
  /** Delivery failures (the sender got a 451 for them). */
  readonly deliveryErrors: readonly Error[];
  rejectRecipient(address: string, code: number, message?: string): void;
  acceptRecipient(address: string): void;
  /** Resolves with the messages once at least `count` were accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<readonly SmtpRecord[]>;
  stop(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('error', reject);
    stream.once('end', () => resolve(Buffer.concat(chunks)));
  });
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SmtpRecord[] = [];
  const deliveryErrors: Error[] = [];
  const events = new EventEmitter();
  const rejections = new Map<string, SmtpReply>(
    Object.entries(options.reject ?? {}).map(([address, reply]) => [address.toLowerCase(), reply]),
  );
  const users = options.users;
  const target = options.deliverTo;
  const folder = options.deliverFolder ?? 'INBOX';
  const mapRecipient =
    options.mapRecipient ??
    ((address: string) => {
      const local = address.split('@')[0]?.toLowerCase();
      return target?.users.some((u) => u.name === local) ? local : undefined;
    });

  const deliver = async (record: SmtpRecord): Promise<void> => {
    if (!target) return;
    const delivered = new Set<string>();
    for (const rcpt of record.to) {
      const user = mapRecipient(rcpt);
      if (user === undefined || delivered.has(user)) continue;
      // What a delivery agent prepends (RFC 5321 section 4.4): the envelope sender and recipient.
      const trace = `Return-Path: <${record.from}>\r\nDelivered-To: ${rcpt}\r\n`;
      await target.appendMessage(user, folder, Buffer.concat([Buffer.from(trace), record.raw]));
      delivered.add(user);
    }
    record.deliveredTo.push(...delivered);
  };

  const server = new SMTPServer({
    logger: false,
    name: 'smtp.trademail.test',
    disabledCommands: users || options.acceptToken ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authMethods: options.acceptToken ? ['PLAIN', 'LOGIN', 'XOAUTH2'] : ['PLAIN', 'LOGIN'],
    authOptional: !users && !options.acceptToken,
    // The sink runs on loopback only; RFC 4954 forbids plaintext AUTH over the open network.
    allowInsecureAuth: true,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      if (auth.method === 'XOAUTH2') {
        const good =
          auth.username !== undefined && options.acceptToken?.(auth.accessToken ?? '', auth.username);
        // A refused token gets the JSON challenge of Google's servers, so the client renews it.
        if (good) callback(null, { user: auth.username });
        else
          callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
        return;
      }
      const match = users?.find((u) => u.name === auth.username && u.password === auth.password);
      if (match) callback(null, { user: match.name });
      else callback(smtpError(535, 'Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      const reply = rejections.get(address.address.toLowerCase());
      if (reply) callback(smtpError(reply.code, reply.message ?? `Recipient ${address.address} rejected`));
      else callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      readAll(stream)
        .then(async (raw) => {
          const record: SmtpRecord = {
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            receivedAt: new Date(),
            authUser: typeof session.user === 'string' ? session.user : undefined,
            deliveredTo: [],
          };
          // Deliver before answering, so a sender that got 250 finds the message in the mailbox.
          await deliver(record);
          messages.push(record);
          events.emit('message');
          callback();
        })
        .catch((err: Error) => {
          deliveryErrors.push(err);
          callback(smtpError(451, `Local delivery failed: ${err.message}`));
        });
    },
  });

  // smtp-server emits 'error' when a client vanishes mid-session (a killed sender); without a
  // listener that would crash the test process. Such sessions simply end.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('SMTP sink has no TCP address');

  return {
    host: LOOPBACK,
    port: address.port,
    messages,
    deliveryErrors,
    rejectRecipient(rcpt, code, message) {
      if (code < 400 || code > 599) throw new Error(`reject code must be 4xx or 5xx, got ${code}`);
      rejections.set(rcpt.toLowerCase(), { code, message });
    },
    acceptRecipient(rcpt) {
      rejections.delete(rcpt.toLowerCase());
    },
    waitFor(count, timeoutMs = 5000) {
      if (messages.length >= count) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const onMessage = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          events.off('message', onMessage);
          resolve(messages);
        };
        const timer = setTimeout(() => {
          events.off('message', onMessage);
          reject(new Error(`expected ${count} SMTP messages within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        events.on('message', onMessage);
      });
    },
    stop() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
