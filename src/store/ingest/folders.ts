/**
 * Mailbox and folder rows, and the per-folder sync cursor's state changes. The cursor itself
 * is advanced only by store-batch.ts, in the transaction that stores the messages.
 */
import type { Db } from '../client.ts';

export type FolderState = 'idle' | 'backfill' | 'live' | 'resync' | 'error';

export interface FolderCursor {
  folderId: number;
  uidValidity: bigint | null;
  lastUid: bigint;
  highestModseq: bigint | null;
}

export async function ensureMailbox(
  db: Db,
  m: { name: string; role: string; address?: string | null },
): Promise<number> {
  const row = await db.mailbox.upsert({
    where: { name: m.name },
    create: { name: m.name, role: m.role, address: m.address ?? null },
    update: { role: m.role, address: m.address ?? null },
  });
  return row.id;
}

export async function ensureFolder(
  db: Db,
  mailboxId: number,
  path: string,
  specialUse?: string | null,
): Promise<FolderCursor> {
  const row = await db.mailboxFolder.upsert({
    where: { mailboxId_path: { mailboxId, path } },
    create: { mailboxId, path, specialUse: specialUse ?? null },
    update: specialUse === undefined ? {} : { specialUse },
  });
  return {
    folderId: row.id,
    uidValidity: row.uidValidity,
    lastUid: row.lastUid,
    highestModseq: row.highestModseq,
  };
}

/**
 * UIDVALIDITY changed (RFC 3501 2.3.1.1): every UID we hold for this folder is void. Start
 * over from UID 0 under the new value; messages already stored are recognised by their
 * Message-ID / content hash and not processed again.
 */
export async function startResync(
  db: Db,
  folderId: number,
  uidValidity: bigint,
  now: Date,
): Promise<FolderCursor> {
  const row = await db.mailboxFolder.update({
    where: { id: folderId },
    data: { uidValidity, lastUid: 0n, highestModseq: null, state: 'resync', stateEnteredAt: now },
  });
  return { folderId, uidValidity: row.uidValidity, lastUid: row.lastUid, highestModseq: row.highestModseq };
}

export async function setFolderState(
  db: Db,
  folderId: number,
  state: FolderState,
  now: Date,
  error?: string | null,
): Promise<void> {
  await db.mailboxFolder.update({
    where: { id: folderId },
    data: {
      state,
      stateEnteredAt: now,
      ...(error === undefined
        ? {}
        : error === null
          ? { lastError: null }
          : { lastError: error, lastErrorAt: now }),
    },
  });
}

/**
 * A mailbox that failed before its folders could be listed (login refused, server down): the
 * error is kept on its configured folders, so `trademail status` shows it where the mail would
 * be. The next pass that succeeds clears it.
 */
export async function markFoldersFailed(
  db: Db,
  mailboxId: number,
  paths: readonly string[],
  error: string,
  now: Date,
): Promise<void> {
  for (const path of paths) {
    const { folderId } = await ensureFolder(db, mailboxId, path);
    await setFolderState(db, folderId, 'error', now, error);
  }
}
