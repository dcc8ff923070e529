/**
 * One pass over one IMAP folder: open it read-only (EXAMINE, RFC 3501 6.3.2, so no flag can
 * change), compare UIDVALIDITY with the stored cursor, list the UIDs above the cursor, fetch
 * them in batches with BODY.PEEK[] (never sets \Seen), and store each batch together with the
 * advanced cursor. Processing of the stored messages follows each batch. A message the server
 * will not give stops the pass just before it (fetch-batch.ts).
 */
import type { ImapFlow } from 'imapflow';
import { TrademailError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { Db } from '../../store/client.ts';
import { type FolderCursor, setFolderState, startResync } from '../../store/ingest/folders.ts';
import { storeRawBatch } from '../../store/ingest/store-batch.ts';
import { sizedBatches } from '../batches.ts';
import { Handoffs } from '../handoffs.ts';
import { fetchBatch, fetchSizes, type UidAt } from './fetch-batch.ts';

/** Stored batches handed over and not yet processed, before the pass waits to fetch more. */
const PROCESSING_AHEAD = 2;

export interface FolderPassOptions {
  db: Db;
  log: Logger;
  now: () => Date;
  batchSize: number;
  /** raw bytes per batch at most (BATCH_BYTES; tests set less) */
  batchBytes?: number;
  since?: Date;
  /**
   * Called as soon as each batch is stored, while the batch before may still be processing:
   * it must process the batches in the order it is given them (a BatchProcessor does).
   */
  afterBatch?: (createdIds: number[]) => Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /**
   * UIDs to pass over, under the UIDVALIDITY they were seen with: messages the server lists
   * but would not give after repeated tries (fetch-batch.ts). The cursor moves past them;
   * everything else is fetched as usual.
   */
  skip?: { uidValidity: bigint; uids: ReadonlySet<number> };
  /** Where the last pass's size fetch broke, under its UIDVALIDITY (sizeFetchBroken). */
  sizeBreak?: UidAt;
  /** Counts kept up batch by batch, so that a pass that fails half-way still tells them. */
  tally?: PassCounts;
}

export interface PassCounts {
  fetched: number;
  created: number;
  duplicates: number;
}

export interface FolderPassResult extends PassCounts {
  cursor: FolderCursor;
  resynced: boolean;
  /** UIDs passed over: the server lists them but gave no content after repeated tries */
  skipped: number[];
}

/**
 * The UIDs to size and fetch, in segments: all of them at once, or, after a size fetch broke
 * at one of them, the ones before it, that one alone (a single message needs no size) and the
 * ones after it, so that its own fetch tells whether the server withholds it.
 */
export function segmentsAround(
  uids: readonly number[],
  sizeBreak: UidAt | undefined,
  uidValidity: bigint,
): number[][] {
  const at = sizeBreak && sizeBreak.uidValidity === uidValidity ? uids.indexOf(sizeBreak.uid) : -1;
  if (at < 0) return [[...uids]];
  return [uids.slice(0, at), [uids[at]!], uids.slice(at + 1)].filter((segment) => segment.length > 0);
}

export async function syncFolderPass(
  client: ImapFlow,
  path: string,
  start: FolderCursor,
  opts: FolderPassOptions,
): Promise<FolderPassResult> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    const box = client.mailbox;
    if (!box) throw new TrademailError('IMAP_PROTOCOL', `${path}: the server did not open the folder`);
    const serverValidity = BigInt(box.uidValidity);
    let cursor = start;
    let resynced = false;
    if (cursor.uidValidity === null) {
      cursor = { ...(await startResync(opts.db, cursor.folderId, serverValidity, opts.now())) };
      await setFolderState(opts.db, cursor.folderId, 'backfill', opts.now());
    } else if (cursor.uidValidity !== serverValidity) {
      // RFC 3501 2.3.1.1: the old UIDs mean nothing now. Refetch everything; what we already
      // hold is recognised by Message-ID or content hash and not processed twice.
      opts.log.warn(
        { folder: path, was: String(cursor.uidValidity), now: String(serverValidity) },
        'UIDVALIDITY changed: resync',
      );
      cursor = await startResync(opts.db, cursor.folderId, serverValidity, opts.now());
      resynced = true;
    }
    const modseq = box.highestModseq !== undefined ? BigInt(box.highestModseq) : null;
    const from = Number(cursor.lastUid) + 1;
    const query = opts.since ? { uid: `${from}:*`, since: opts.since } : { uid: `${from}:*` };
    const found = box.exists === 0 ? [] : (await client.search(query, { uid: true })) || [];
    // RFC 3501 6.4.8: "n:*" with n above the highest UID still matches the highest message,
    // so UIDs at or below the cursor are dropped here.
    const wanted = found.filter((u) => u >= from).sort((a, b) => a - b);
    // Skips are for this UIDVALIDITY only: after a reset the same numbers are other mail.
    const skip =
      opts.skip && opts.skip.uidValidity === cursor.uidValidity ? opts.skip.uids : new Set<number>();
    const uids = wanted.filter((u) => !skip.has(u));
    const skipped = wanted.filter((u) => skip.has(u));
    for (const uid of skipped) {
      opts.log.error(
        { folder: path, uid },
        'message skipped: the server gave no content for it after repeated tries',
      );
    }
    const result: FolderPassResult = { cursor, fetched: 0, created: 0, duplicates: 0, resynced, skipped };
    opts.onProgress?.(0, uids.length);
    // Processing overlaps the fetch of the next batches (PROCESSING_AHEAD at most), so the
    // understanding, which may run on another thread, and the IMAP round-trips proceed
    // together; each stored batch is handed over at once, so its understanding can start while
    // the batch before is stored. A message stored but not yet processed is picked up after a
    // crash at start-up.
    const processing = new Handoffs(PROCESSING_AHEAD);
    try {
      const folder = { path, uidValidity: cursor.uidValidity! };
      const fetchRun = async (batch: number[]): Promise<void> => {
        const fetched = await fetchBatch(client, folder, batch, from);
        const { items } = fetched;
        const lastUid = BigInt(fetched.lastUid);
        if (items.length > 0 || lastUid > cursor.lastUid) {
          const stored = await storeRawBatch(
            opts.db,
            {
              folderId: cursor.folderId,
              uidValidity: cursor.uidValidity!,
              cursor: { lastUid, highestModseq: modseq },
            },
            items,
            opts.now(),
          );
          for (const counts of opts.tally ? [result, opts.tally] : [result]) {
            counts.fetched += items.length;
            counts.created += stored.created.length;
            counts.duplicates += stored.duplicates;
          }
          cursor = { ...cursor, lastUid };
          if (opts.afterBatch) await processing.add(opts.afterBatch(stored.created));
          opts.onProgress?.(result.fetched, uids.length);
        }
        // What came before a message that stopped the batch is stored; the pass ends there.
        if (fetched.stopped) throw fetched.stopped;
      };
      for (const segment of segmentsAround(uids, opts.sizeBreak, cursor.uidValidity!)) {
        const sized = await fetchSizes(client, folder, segment, skipped);
        for (const run of sizedBatches(sized, (m) => m.size, opts.batchSize, opts.batchBytes))
          await fetchRun(run.map((m) => m.uid));
      }
      const passedOver = skipped.at(-1);
      if (passedOver !== undefined && BigInt(passedOver) > cursor.lastUid) {
        // Only skipped mail was left: the cursor moves past it all the same.
        cursor = { ...cursor, lastUid: BigInt(passedOver) };
        await opts.db.mailboxFolder.update({
          where: { id: cursor.folderId },
          data: { lastUid: cursor.lastUid },
        });
      }
    } catch (err) {
      // The batches in processing finish before the folder lock is let go.
      await processing.settle();
      throw err;
    }
    await processing.finish();
    if (uids.length === 0 && modseq !== null) {
      await opts.db.mailboxFolder.update({
        where: { id: cursor.folderId },
        data: { highestModseq: modseq, lastSyncAt: opts.now() },
      });
    } else if (uids.length === 0) {
      await opts.db.mailboxFolder.update({
        where: { id: cursor.folderId },
        data: { lastSyncAt: opts.now() },
      });
    }
    // A skip stays in status until the next pass: the log has it for good.
    const skipNote = skipped.length
      ? `skipped UID ${skipped.join(', ')}: the server lists it but gave no content for it after repeated tries`
      : null;
    await setFolderState(opts.db, cursor.folderId, 'live', opts.now(), skipNote);
    result.cursor = { ...cursor, highestModseq: modseq };
    return result;
  } finally {
    lock.release();
  }
}
