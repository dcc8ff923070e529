/**
 * Per mailbox and folder: cursor, last sync, stored and quarantined counts, and the last
 * error. The shape is the `trademail status --json` contract.
 */
import type { Db } from '../client.ts';

export interface FolderStatus {
  path: string;
  messages: number;
  quarantined: number;
  uidValidity: string | null;
  lastUid: string;
  lastSyncAt: string | null;
  error: string | null;
}

export interface MailboxStatus {
  name: string;
  folders: FolderStatus[];
}

export async function syncStatus(db: Db): Promise<{ mailboxes: MailboxStatus[] }> {
  const mailboxes = await db.mailbox.findMany({
    orderBy: { name: 'asc' },
    include: { folders: { orderBy: { path: 'asc' } } },
  });
  const out: MailboxStatus[] = [];
  for (const m of mailboxes) {
    const folders: FolderStatus[] = [];
    for (const f of m.folders) {
      const [messages, quarantined] = await Promise.all([
        db.messageSource.count({ where: { folderId: f.id, uidValidity: f.uidValidity } }),
        db.quarantine.count({ where: { resolvedAt: null, raw: { sources: { some: { folderId: f.id } } } } }),
      ]);
      folders.push({
        path: f.path,
        messages,
        quarantined,
        // UIDs are unsigned 32-bit numbers: strings keep JSON exact for any consumer.
        uidValidity: f.uidValidity === null ? null : String(f.uidValidity),
        lastUid: String(f.lastUid),
        lastSyncAt: f.lastSyncAt?.toISOString() ?? null,
        error: f.state === 'error' ? f.lastError : null,
      });
    }
    out.push({ name: m.name, folders });
  }
  return { mailboxes: out };
}
