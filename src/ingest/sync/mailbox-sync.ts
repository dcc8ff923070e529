/**
 * Syncs every watched folder of one configured mailbox, one IMAP connection per folder
 * (IDLE watches only the selected folder, RFC 2177). Used by `trademail run` and `sync`.
 */
import type { Config, MailboxConfig } from '../../config/schema.ts';
import { describeError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { connectImap, logoutOrClose } from '../../mail/imap.ts';
import type { Db } from '../../store/client.ts';
import { ensureFolder, ensureMailbox, markFoldersFailed } from '../../store/ingest/folders.ts';
import { batchProcessor } from '../processor.ts';
import type { UnderstandPool } from '../workers/understand-pool.ts';
import { type FolderHealth, type FolderWatcher, watchFolder } from './folder-watcher.ts';
import { foldersToWatch, isSentFolder, sentFirst, type WatchedFolder } from './folders-to-watch.ts';
import { type SentGate, sentGate } from './sent-gate.ts';

export interface MailboxSync {
  name: string;
  health(): { name: string; folders: FolderHealth[]; error: string | null };
  /** resolves when every folder finished its first pass */
  firstPass: Promise<void>;
  stop(): Promise<void>;
}

export interface MailboxSyncDeps {
  config: Config;
  db: Db;
  log: Logger;
  now: () => Date;
  /** Shared by every mailbox of the process; none: understanding runs on the main thread. */
  understand?: UnderstandPool;
  onProgress?: (mailbox: string, folder: string, done: number, total: number) => void;
  /**
   * Shared by the mailboxes started together: their other folders wait for all their Sent
   * folders' first passes (sent-gate.ts). None: they wait for this mailbox's own.
   */
  sentGate?: SentGate;
}

export async function startMailboxSync(mailbox: MailboxConfig, deps: MailboxSyncDeps): Promise<MailboxSync> {
  const gate = deps.sentGate ?? sentGate([mailbox.name]);
  try {
    return await start(mailbox, deps, gate);
  } catch (err) {
    // Nothing of this mailbox to wait for: the other mailboxes' folders go ahead.
    gate.arrive(mailbox.name);
    throw err;
  }
}

async function start(mailbox: MailboxConfig, deps: MailboxSyncDeps, gate: SentGate): Promise<MailboxSync> {
  const log = deps.log.child({ component: 'sync', mailbox: mailbox.name });
  const mailboxId = await ensureMailbox(deps.db, {
    name: mailbox.name,
    role: mailbox.role,
    address: mailbox.address,
  });
  let folders: WatchedFolder[];
  try {
    const probe = await connectImap(mailbox.imap, log);
    try {
      folders = await foldersToWatch(probe, mailbox);
    } finally {
      await logoutOrClose(probe);
    }
  } catch (err) {
    // Kept for `status`; a failure to keep it must not hide the error itself.
    await markFoldersFailed(deps.db, mailboxId, mailbox.folders, describeError(err), deps.now()).catch(
      () => undefined,
    );
    throw err;
  }
  const processDeps = { db: deps.db, config: deps.config, log, now: deps.now, understand: deps.understand };
  // One processor for all folders of the mailbox: their batches are stored in arrival order.
  const processor = batchProcessor(processDeps);
  const afterBatch = async (ids: number[]): Promise<void> => {
    if (ids.length === 0) return;
    const r = await processor.submit(ids);
    if (r.quarantined > 0) log.warn({ quarantined: r.quarantined }, 'some messages quarantined');
  };
  const byPath = new Map<string, FolderWatcher>();
  // Our sent mail first (sentFirst): the other folders start once the first pass of every Sent
  // folder of the mailboxes started together is done, or has failed GIVE_UP_TRIES times (they
  // do not wait for ever: folder-watcher.ts).
  const ordered = sentFirst(folders);
  for (const f of ordered) await ensureFolder(deps.db, mailboxId, f.path, f.specialUse);
  const sentTries: Promise<void>[] = [];
  for (const f of ordered) {
    const watcher = watchFolder({
      startAfter: isSentFolder(f) ? undefined : gate.opened,
      mailbox,
      mailboxId,
      path: f.path,
      db: deps.db,
      log,
      now: deps.now,
      batchSize: deps.config.sync.batchSize,
      pollMs: deps.config.sync.pollSeconds * 1000,
      maxBackoffMs: deps.config.sync.maxBackoffSeconds * 1000,
      afterBatch,
      onProgress: deps.onProgress && ((done, total) => deps.onProgress!(mailbox.name, f.path, done, total)),
    });
    if (isSentFolder(f)) sentTries.push(watcher.firstTry);
    byPath.set(f.path, watcher);
  }
  gate.arrive(
    mailbox.name,
    Promise.all(sentTries).then(() => undefined),
  );
  // Health lists the folders in their listed order.
  const watchers = folders.map((f) => byPath.get(f.path)!);
  return {
    name: mailbox.name,
    health: () => ({ name: mailbox.name, folders: watchers.map((w) => w.health()), error: null }),
    firstPass: Promise.all(watchers.map((w) => w.firstPass)).then(() => undefined),
    async stop() {
      await Promise.all(watchers.map((w) => w.stop()));
    },
  };
}

/** A mailbox that could not even be listed: reported, retried by the caller. */
export function failedMailbox(name: string, err: unknown): MailboxSync {
  const error = describeError(err);
  return {
    name,
    health: () => ({ name, folders: [], error }),
    firstPass: Promise.resolve(),
    stop: async () => undefined,
  };
}
