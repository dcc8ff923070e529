/**
 * Keeps one folder in sync for as long as the service runs: a pass at connect (the backfill
 * on first run), then a pass whenever the server reports new mail over IDLE (RFC 2177), or on
 * a poll interval where the server has no IDLE. Connection loss or server restarts lead to a
 * reconnect with capped exponential backoff; the cursor in the store makes the catch-up exact.
 */
import type { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../../config/schema.ts';
import { describeError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { connectImap, logoutOrClose } from '../../mail/imap.ts';
import { backoffDelay } from '../../service/backoff.ts';
import type { Db } from '../../store/client.ts';
import { ensureFolder, setFolderState } from '../../store/ingest/folders.ts';
import { FetchTrouble } from './fetch-trouble.ts';
import { syncFolderPass } from './folder-sync.ts';

/**
 * Failed tries after which the folders waiting for this one's first pass go ahead anyway: as
 * many as it takes to get past a broken size fetch and skip a withheld message (fetch-trouble.ts),
 * about half a minute of reconnect backoff.
 */
export const GIVE_UP_TRIES = 5;

export interface FolderWatcherOptions {
  mailbox: MailboxConfig;
  mailboxId: number;
  path: string;
  db: Db;
  log: Logger;
  now: () => Date;
  batchSize: number;
  pollMs: number;
  maxBackoffMs: number;
  afterBatch: (createdIds: number[]) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Connect only once this has resolved (the Sent folders' first tries: sent-gate.ts). */
  startAfter?: Promise<void>;
}

export interface FolderHealth {
  path: string;
  connected: boolean;
  idle: boolean;
  lastPassAt: string | null;
  lastError: string | null;
}

export interface FolderWatcher {
  health(): FolderHealth;
  /** resolves when the first full pass after connecting has finished */
  firstPass: Promise<void>;
  /**
   * Resolves when the first pass has finished, or GIVE_UP_TRIES tries to connect or sync have
   * failed: what the other folders wait for (sent-gate.ts). A pass cut short by a dropped
   * connection or a message the server withholds is tried again first, so that the folder's
   * mail is stored before theirs; a folder that cannot be synced at all holds them up only so
   * long.
   */
  firstTry: Promise<void>;
  stop(): Promise<void>;
}

export function watchFolder(opts: FolderWatcherOptions): FolderWatcher {
  const log = opts.log.child({ folder: opts.path });
  let client: ImapFlow | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let lastPassAt: Date | null = null;
  let lastError: string | null = null;
  let folderId: number | null = null;
  let resolveFirst!: () => void;
  const firstPass = new Promise<void>((r) => {
    resolveFirst = r;
  });
  let resolveTry!: () => void;
  const firstTry = new Promise<void>((r) => {
    resolveTry = r;
  });
  let failedTries = 0;
  const triedAndFailed = (): void => {
    if (++failedTries >= GIVE_UP_TRIES) resolveTry();
  };

  /** Messages the server would not give, and where a size fetch broke (fetch-trouble.ts). */
  const trouble = new FetchTrouble();

  const pass = async (c: ImapFlow): Promise<void> => {
    const cursor = await ensureFolder(opts.db, opts.mailboxId, opts.path);
    folderId = cursor.folderId;
    const result = await syncFolderPass(c, opts.path, cursor, {
      db: opts.db,
      log,
      now: opts.now,
      batchSize: opts.batchSize,
      since: opts.mailbox.since,
      afterBatch: opts.afterBatch,
      onProgress: opts.onProgress,
      ...trouble.passOptions(),
    });
    trouble.passed();
    lastPassAt = opts.now();
    if (result.fetched > 0)
      log.info({ fetched: result.fetched, created: result.created, duplicates: result.duplicates }, 'synced');
  };

  /**
   * Single flight: a trigger during a pass queues exactly one more pass. Each pass runs on the
   * connection current when it starts: a reconnect while a pass is still finishing on the
   * dropped one (its batches in processing) queues its catch-up pass, which must run on the new
   * connection, or the new one never selects the folder and never idles on it.
   */
  const trigger = (): void => {
    if (running) {
      again = true;
      return;
    }
    let c: ImapFlow | null = null;
    running = (async () => {
      do {
        again = false;
        c = client;
        if (c === null) return; // between connections: the reconnect triggers the next pass
        await pass(c);
      } while (again && !stopped);
    })()
      .then(() => {
        attempt = 0;
        resolveFirst();
        resolveTry();
        const current = client;
        if (current !== null && current === c && !current.capabilities.has('IDLE') && !stopped) {
          timer = setTimeout(() => client === current && trigger(), opts.pollMs);
        }
      })
      .catch((err) => {
        lastError = describeError(err);
        log.warn({ err: lastError }, 'sync pass failed');
        triedAndFailed();
        trouble.failed(err);
        recordError(lastError);
        // Drop the connection; the close handler reconnects with backoff.
        c?.close();
      })
      .finally(() => {
        running = null;
        // A pass queued for a newer connection than the one that just failed or finished.
        if (again && !stopped && client !== null && client !== c) trigger();
      });
  };

  const recordError = (error: string): void => {
    if (folderId !== null)
      void setFolderState(opts.db, folderId, 'error', opts.now(), error).catch(() => undefined);
  };

  const reconnectLater = (reason: string): void => {
    if (stopped) return;
    const delay = backoffDelay(attempt++, { maxMs: opts.maxBackoffMs });
    log.info({ reason, delayMs: delay }, 'reconnecting');
    timer = setTimeout(() => void connect(), delay);
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    try {
      const c = await connectImap(opts.mailbox.imap, log);
      if (stopped) {
        await logoutOrClose(c);
        return;
      }
      client = c;
      lastError = null;
      c.on('exists', () => client === c && trigger());
      c.once('close', () => {
        if (client === c) client = null;
        reconnectLater('connection closed');
      });
      trigger();
    } catch (err) {
      lastError = describeError(err);
      log.warn({ err: lastError }, 'connect failed');
      // Kept for `trademail status` too: a password changed or a refresh token revoked while
      // the service runs shows there, not only in the log. The next good pass clears it.
      recordError(lastError);
      triedAndFailed();
      reconnectLater(lastError);
    }
  };
  void (opts.startAfter ?? Promise.resolve()).then(() => connect());

  return {
    health: () => ({
      path: opts.path,
      connected: client !== null,
      idle: client?.idling ?? false,
      lastPassAt: lastPassAt?.toISOString() ?? null,
      lastError,
    }),
    firstPass,
    firstTry,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await running?.catch(() => undefined);
      if (c) await logoutOrClose(c);
    },
  };
}
