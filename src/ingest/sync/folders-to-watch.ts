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
