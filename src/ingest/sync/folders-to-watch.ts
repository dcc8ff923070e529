/**
 * Which folders of a mailbox to watch: the configured ones (default INBOX) plus, for a
 * salesperson's mailbox, the folder the server marks \Sent (RFC 6154 SPECIAL-USE), whatever
 * its localised name ("Sent Items", "已发送", "[Gmail]/Sent Mail").
 */
import type { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../config/schema.ts';

export interface WatchedFolder {
  path: string;
  specialUse: string | null;
}

export async function foldersToWatch(client: ImapFlow, mailbox: MailboxConfig): Promise<WatchedFolder[]> {
  const list = await client.list();
  const folders: WatchedFolder[] = mailbox.folders.map((path) => ({
    path,
    specialUse: list.find((l) => l.path === path)?.specialUse ?? null,
  }));
  const wantSent = mailbox.watchSent ?? mailbox.role === 'salesperson';
  if (wantSent) {
    const sent = list.find((l) => l.specialUse === '\\Sent');
    if (sent && !folders.some((f) => f.path === sent.path))
      folders.push({ path: sent.path, specialUse: '\\Sent' });
  }
  return folders;
}

/**
 * The order the folders are synced in: our sent mail first. A buyer's reply is read as a reply
 * only if the mail it answers is stored before it, and on a first backfill the Sent folder holds
 * years of those.
 */
export function sentFirst(folders: readonly WatchedFolder[]): WatchedFolder[] {
  const rank = (f: WatchedFolder) => (isSentFolder(f) ? 0 : 1);
  return [...folders].sort((a, b) => rank(a) - rank(b));
}

/** The folder the server marks as where sent mail goes (RFC 6154 \\Sent). */
export function isSentFolder(f: { specialUse: string | null }): boolean {
  return f.specialUse === '\\Sent';
}
