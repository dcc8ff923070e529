/**
 * The salesperson's Sent folder over IMAP: a copy of every sequence mail is appended there
 * (flagged \Seen) so the salesperson sees it in the mail client, and after a crash the folder is
 * searched for a mail's Message-ID (SEARCH HEADER, RFC 3501 6.4.4) to learn whether it went out.
 * The folder is found by its SPECIAL-USE attribute \Sent (RFC 6154).
 */
import type { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../../config/schema.ts';
import { TrademailError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { connectImap, imapError, logoutOrClose } from '../../mail/imap.ts';

export interface SentFolder {
  /** Appends the exact bytes, flagged \Seen, with `date` as the internal date. */
  append(raw: Buffer, date: Date): Promise<void>;
  /** Whether a message with this Message-ID is in the folder. */
  contains(messageId: string): Promise<boolean>;
  close(): Promise<void>;
}

export class ImapSentFolder implements SentFolder {
  private client: ImapFlow | null = null;
  private path: string | null = null;
  private opening: Promise<ImapFlow> | null = null;

  constructor(
    private readonly cfg: ImapConfig,
    private readonly log: Logger | false,
    /** Folder path to use instead of the \Sent special-use folder. */
    private readonly folder?: string,
  ) {}

  private async open(): Promise<ImapFlow> {
    const client = await connectImap(this.cfg, this.log);
    try {
      this.path = this.folder ?? (await findSentFolder(client, this.cfg.auth.user));
    } catch (err) {
      await logoutOrClose(client);
      throw err;
    }
    this.client = client;
    return client;
  }

  /** The open connection, reconnecting after a drop (one connection per mailbox, shared by callers). */
  private async connection(): Promise<{ client: ImapFlow; path: string }> {
    if (this.client?.usable && this.path !== null) return { client: this.client, path: this.path };
    this.client = null;
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    const client = await this.opening;
    return { client, path: this.path! };
  }

  private fail(err: unknown, what: string): never {
    const client = this.client;
    this.client = null;
    client?.close();
    throw err instanceof TrademailError ? err : imapError(err, `${this.cfg.host}:${this.cfg.port} ${what}`);
  }

  async append(raw: Buffer, date: Date): Promise<void> {
    const { client, path } = await this.connection();
    try {
      const res = await client.append(path, raw, ['\\Seen'], date);
      if (res === false) throw new TrademailError('IMAP_PROTOCOL', `APPEND to ${path} was refused`);
    } catch (err) {
      this.fail(err, `APPEND ${path}`);
    }
  }

  async contains(messageId: string): Promise<boolean> {
    const { client, path } = await this.connection();
    try {
      const lock = await client.getMailboxLock(path, { readOnly: true });
      try {
        const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        if (uids === false || uids === undefined) {
          throw new TrademailError('IMAP_PROTOCOL', `SEARCH in ${path} failed`);
        }
        return uids.length > 0;
      } finally {
        lock.release();
      }
    } catch (err) {
      return this.fail(err, `SEARCH ${path}`);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client?.usable) await logoutOrClose(client);
  }
}

async function findSentFolder(client: ImapFlow, user: string): Promise<string> {
  const folders = await client.list();
  const sent = folders.find((f) => f.specialUse === '\\Sent');
  if (sent === undefined) {
    throw new TrademailError(
      'IMAP_PROTOCOL',
      `mailbox of ${user} has no Sent folder (no \\Sent SPECIAL-USE attribute, RFC 6154, and no folder named like one); create one`,
    );
  }
  return sent.path;
}
