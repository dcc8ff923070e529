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
import { connectImap, logoutOrClose } from '../../mail/imap.ts';
import type { Db } from '../../store/client.ts';
import {
  ensureFolder,
  ensureMailbox,
  markFoldersFailed,
  setFolderState,
} from '../../store/ingest/folders.ts';
import { batchProcessor } from '../processor.ts';
import type { UnderstandPool } from '../workers/understand-pool.ts';
import { FetchTrouble, UNREADABLE_TRIES } from './fetch-trouble.ts';
import { type FolderPassResult, type PassCounts, syncFolderPass } from './folder-sync.ts';
import { foldersToWatch, isSentFolder, type WatchedFolder } from './folders-to-watch.ts';

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
    for (const sent of [true, false])
      for (const s of sessions)
        for (const f of s.folders) if (isSentFolder(f) === sent) await folderPass(s, f, deps, failures);
  } finally {
    await Promise.all(sessions.map((s) => logoutOrClose(s.client)));
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
    if (client) await logoutOrClose(client);
    return null;
  }
}

/**
 * Passes one folder may take in a run: each after the first must get past a message the server
 * withholds or a broken size fetch (fetch-trouble.ts), as the running sync's passes do.
 */
const MAX_PASSES = 3 * UNREADABLE_TRIES;

async function folderPass(s: Session, f: WatchedFolder, deps: SyncOnceDeps, failures: SyncFailure[]) {
  const { db, config, log, now } = deps;
  const where = `${s.mailbox.name}/${f.path}`;
  const folderLog = log.child({ mailbox: s.mailbox.name, folder: f.path });
  const trouble = new FetchTrouble();
  const processor = batchProcessor(deps);
  // Over all passes: the mail stored before a pass stopped counts too.
  const tally: PassCounts = { fetched: 0, created: 0, duplicates: 0 };
  let validityBefore: bigint | null | undefined;
  for (let passes = 1; ; passes++) {
    const cursor = await ensureFolder(db, s.mailboxId, f.path, f.specialUse);
    if (passes === 1) validityBefore = cursor.uidValidity;
    const fail = async (err: unknown) => {
      failures.push({ where, err });
      await record(setFolderState(db, cursor.folderId, 'error', now(), describeError(err)));
    };
    if (!s.client.usable) {
      // The pass or folder before dropped the connection (a message the server could not read
      // ends its session), or the server closed it while it waited: a new connection.
      try {
        s.client = await connectImap(s.mailbox.imap, log);
      } catch (err) {
        return fail(err);
      }
    }
    const progress = deps.progress(where);
    try {
      const result = await syncFolderPass(s.client, f.path, cursor, {
        db,
        log: folderLog,
        now,
        batchSize: config.sync.batchSize,
        since: s.mailbox.since,
        afterBatch: async (ids) => void (await processor.submit(ids)),
        onProgress: (done, total) => progress.update(done, total),
        tally,
        ...trouble.passOptions(),
      });
      // A UIDVALIDITY change is seen by the first pass, which may have stopped at a message.
      const resynced = validityBefore != null && validityBefore !== result.cursor.uidValidity;
      deps.onFolder?.(where, { ...result, ...tally, resynced: resynced || result.resynced });
      return;
    } catch (err) {
      if (passes >= MAX_PASSES || !trouble.failed(err)) return fail(err);
      folderLog.warn({ err: describeError(err) }, 'pass stopped at a message; the next pass gets past it');
    } finally {
      progress.stop();
    }
  }
}
