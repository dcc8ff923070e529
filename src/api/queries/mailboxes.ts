/**
 * Mailbox sync health for the dashboard: every configured mailbox, each folder's cursor, last
 * sync and how long ago that was (lag), its state and last error, and its message and
 * quarantine counts (from the `trademail status` query).
 */
import type { Config } from '../../config/schema.ts';
import type { Db } from '../../store/client.ts';
import { syncStatus } from '../../store/ingest/status.ts';

export async function mailboxHealth(db: Db, config: Config, now: Date) {
  const [status, rows] = await Promise.all([
    syncStatus(db),
    db.mailbox.findMany({ include: { folders: true } }),
  ]);
  const byName = new Map(status.mailboxes.map((m) => [m.name, m]));
  const rowByName = new Map(rows.map((r) => [r.name, r]));
  const names = [...new Set([...config.mailboxes.map((m) => m.name), ...rows.map((r) => r.name)])];
  return {
    now,
    mailboxes: names.map((name) => {
      const cfg = config.mailboxes.find((m) => m.name === name);
      const row = rowByName.get(name);
      const folders = (byName.get(name)?.folders ?? []).map((f) => {
        const folderRow = row?.folders.find((r) => r.path === f.path);
        const lastSyncAt = folderRow?.lastSyncAt ?? null;
        return {
          path: f.path,
          specialUse: folderRow?.specialUse ?? null,
          state: folderRow?.state ?? 'idle',
          stateEnteredAt: folderRow?.stateEnteredAt ?? null,
          messages: f.messages,
          quarantined: f.quarantined,
          uidValidity: f.uidValidity,
          lastUid: f.lastUid,
          lastSyncAt,
          lagSeconds:
            lastSyncAt === null
              ? null
              : Math.max(0, Math.round((now.getTime() - lastSyncAt.getTime()) / 1000)),
          lastError: folderRow?.lastError ?? null,
          lastErrorAt: folderRow?.lastErrorAt ?? null,
        };
      });
      const synced = folders.map((f) => f.lastSyncAt).filter((d): d is Date => d !== null);
      const lastSyncAt = synced.length === 0 ? null : new Date(Math.max(...synced.map((d) => d.getTime())));
      return {
        name,
        role: cfg?.role ?? row?.role ?? null,
        address: cfg?.address ?? row?.address ?? null,
        configured: cfg !== undefined,
        canSend: cfg?.smtp !== undefined,
        lastSyncAt,
        lagSeconds:
          lastSyncAt === null ? null : Math.max(0, Math.round((now.getTime() - lastSyncAt.getTime()) / 1000)),
        errors: folders.filter((f) => f.state === 'error').length,
        folders,
      };
    }),
  };
}
