/**
 * `trademail sync --once`: one pass over every watched folder of the given mailboxes, then
 * done. Every mailbox's Sent folder goes first, before any other folder of any mailbox, for
 * the reason the running sync waits for them (sent-gate.ts). One mailbox or folder that fails
 * does not stop the others; each failure is kept on its folders for `status` and returned.
 */
import type { ImapFlow } from 'imapflow';
import type { Config, MailboxConfig } from '../../config/schema.ts';
import { describeError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { connectImap } from '../../mail/imap.ts';
import type { Db } from '../../store/client.ts';
import {
  ensureFolder,
  ensureMailbox,
  markFoldersFailed,
  setFolderState,
} from '../../store/ingest/folders.ts';
import { batchProcessor } from '../processor.ts';
import type { UnderstandPool } from '../workers/understand-pool.ts';
import { type FolderPassResult, syncFolderPass } from './folder-sync.ts';
import { foldersToWatch, type WatchedFolder } from './folders-to-watch.ts';

export interface SyncOnceDeps {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
  understand?: UnderstandPool;
  /** A progress display for one folder's pass (the CLI's bar, or log lines). */
  progress(label: string): { update(done: number, total: number): void; stop(): void };
  /** Told of each folder's pass that ended. */
  onFolder?(label: string, result: FolderPassResult): void;
}

export interface SyncFailure {
  /** "mailbox" or "mailbox/folder" */
  where: string;
  err: unknown;
}

/** A mailbox logged in and listed, for the length of the pass. */
interface Session {
  mailbox: MailboxConfig;
  mailboxId: number;
  folders: WatchedFolder[];
  client: ImapFlow;
}

/** Keeps an error for `status`; if even that fails, the error being reported is what counts. */
const record = (write: Promise<void>): Promise<void> => write.catch(() => undefined);

export async function syncOnce(
  mailboxes: readonly MailboxConfig[],
  deps: SyncOnceDeps,
): Promise<SyncFailure[]> {
  const failures: SyncFailure[] = [];
  const sessions: Session[] = [];
  try {
    for (const mailbox of mailboxes) {
      const session = await openSession(mailbox, deps, failures);
      if (session) sessions.push(session);
    }
    const isSent = (f: WatchedFolder) => f.specialUse === '\\Sent';
    for (const sent of [true, false])
      for (const s of sessions)
        for (const f of s.folders) if (isSent(f) === sent) await folderPass(s, f, deps, failures);
  } finally {
    await Promise.all(sessions.map((s) => s.client.logout().catch(() => s.client.close())));
  }
  return failures;
}

async function openSession(
  mailbox: MailboxConfig,
  deps: SyncOnceDeps,
  failures: SyncFailure[],
): Promise<Session | null> {
  const { db, log, now } = deps;
  const mailboxId = await ensureMailbox(db, {
    name: mailbox.name,
    role: mailbox.role,
    address: mailbox.address,
  });
  let client: ImapFlow | undefined;
  try {
    client = await connectImap(mailbox.imap, log);
    const folders = await foldersToWatch(client, mailbox);
    for (const f of folders) await ensureFolder(db, mailboxId, f.path, f.specialUse);
    return { mailbox, mailboxId, folders, client };
  } catch (err) {
    // could not log in, or the folder list could not be read
    failures.push({ where: mailbox.name, err });
    await record(markFoldersFailed(db, mailboxId, mailbox.folders, describeError(err), now()));
    await client?.logout().catch(() => client?.close());
    return null;
  }
}

async function folderPass(s: Session, f: WatchedFolder, deps: SyncOnceDeps, failures: SyncFailure[]) {
  const { db, config, log, now } = deps;
  const where = `${s.mailbox.name}/${f.path}`;
  const cursor = await ensureFolder(db, s.mailboxId, f.path, f.specialUse);
  if (!s.client.usable) {
    // The folder before dropped the connection (a message the server could not read ends its
    // session), or the server closed it while it waited: this one gets a connection of its own.
    try {
      s.client = await connectImap(s.mailbox.imap, log);
    } catch (err) {
      failures.push({ where, err });
      await record(setFolderState(db, cursor.folderId, 'error', now(), describeError(err)));
      return;
    }
  }
  const progress = deps.progress(where);
  const processor = batchProcessor(deps);
  try {
    const result = await syncFolderPass(s.client, f.path, cursor, {
      db,
      log: log.child({ mailbox: s.mailbox.name, folder: f.path }),
      now,
      batchSize: config.sync.batchSize,
      since: s.mailbox.since,
      afterBatch: async (ids) => void (await processor.submit(ids)),
      onProgress: (done, total) => progress.update(done, total),
    });
    deps.onFolder?.(where, result);
  } catch (err) {
    failures.push({ where, err });
    await record(setFolderState(db, cursor.folderId, 'error', now(), describeError(err)));
  } finally {
    progress.stop();
  }
}
