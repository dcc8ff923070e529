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
import { connectImap } from '../../mail/imap.ts';
import { backoffDelay } from '../../service/backoff.ts';
import type { Db } from '../../store/client.ts';
import { ensureFolder, setFolderState } from '../../store/ingest/folders.ts';
import { syncFolderPass } from './folder-sync.ts';

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
    });
    lastPassAt = opts.now();
    if (result.fetched > 0)
      log.info({ fetched: result.fetched, created: result.created, duplicates: result.duplicates }, 'synced');
  };

  /** Single flight: a trigger during a pass queues exactly one more pass. */
  const trigger = (c: ImapFlow): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await pass(c);
      } while (again && !stopped);
    })()
      .then(() => {
        attempt = 0;
        resolveFirst();
        if (!c.capabilities.has('IDLE') && !stopped) {
          timer = setTimeout(() => client === c && trigger(c), opts.pollMs);
        }
      })
      .catch((err) => {
        lastError = describeError(err);
        log.warn({ err: lastError }, 'sync pass failed');
        if (folderId !== null)
          void setFolderState(opts.db, folderId, 'error', opts.now(), lastError).catch(() => undefined);
        // Drop the connection; the close handler reconnects with backoff.
        c.close();
      })
      .finally(() => {
        running = null;
      });
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
        await c.logout().catch(() => c.close());
        return;
      }
      client = c;
      lastError = null;
      c.on('exists', () => trigger(c));
      c.once('close', () => {
        if (client === c) client = null;
        reconnectLater('connection closed');
      });
      trigger(c);
    } catch (err) {
      lastError = describeError(err);
      log.warn({ err: lastError }, 'connect failed');
      reconnectLater(lastError);
    }
  };
  void connect();

  return {
    health: () => ({
      path: opts.path,
      connected: client !== null,
      idle: client?.idling ?? false,
      lastPassAt: lastPassAt?.toISOString() ?? null,
      lastError,
    }),
    firstPass,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      await running?.catch(() => undefined);
      if (c) await c.logout().catch(() => c.close());
    },
  };
}
