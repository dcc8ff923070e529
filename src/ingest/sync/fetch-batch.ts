/**
 * Fetches one batch of a folder (BODY.PEEK[], so no flag changes) and says how far the cursor
 * may move. A message the server still lists but gives no content for must not be passed by
 * the cursor, or it would never be fetched again: seen with Dovecot on a message file it cannot
 * read, where it answers that message's FETCH without the body and then drops the connection.
 * What came before it is kept, so one bad message costs only itself; the running sync and
 * `sync --once` skip it for good after repeated tries (fetch-trouble.ts), recording that they did.
 */
import type { ImapFlow } from 'imapflow';
import { describeError, TrademailError } from '../../errors.ts';
import { type RawItem, rawItem } from '../../store/ingest/store-batch.ts';
import { uidSet } from './uid-set.ts';

export interface FetchedBatch {
  /** The batch's messages in UID order, up to the first unreadable one. */
  items: RawItem[];
  /** The highest UID the cursor may move to: the batch's last, or just before the unreadable one. */
  lastUid: number;
  /** Why the batch stopped early (an UnreadableMessage error, or the connection's), if it did. */
  stopped: TrademailError | null;
}

/** The folder fetched from, and its UIDVALIDITY: a UID means nothing without it. */
export interface FolderAt {
  path: string;
  uidValidity: bigint;
}

/** The error of a message the server lists but will not give; details: its uid and uidValidity. */
export function unreadableMessage(folder: FolderAt, uid: number, cause?: unknown): TrademailError {
  return new TrademailError(
    'IMAP_PROTOCOL',
    `${folder.path}: UID ${uid}: the server lists this message but gives no content for it; synced up to the message before it`,
    { cause, details: { uid, uidValidity: folder.uidValidity } },
  );
}

/** A message of a folder: a UID means nothing without the UIDVALIDITY it was seen under. */
export interface UidAt {
  uid: number;
  uidValidity: bigint;
}

/** The UID an error of this file names under `key` (unreadableMessage, sizeFetchBroken). */
function uidNamed(err: unknown, key: 'uid' | 'sizeBreak'): UidAt | null {
  const details = err instanceof TrademailError ? err.details : undefined;
  const uid = details?.[key];
  const uidValidity = details?.uidValidity;
  return typeof uid === 'number' && typeof uidValidity === 'bigint' ? { uid, uidValidity } : null;
}

/** The message an error names as withheld. */
export function unreadableUid(err: unknown): UidAt | null {
  return uidNamed(err, 'uid');
}

/**
 * The error of a size fetch that broke before sizing `uid` (details: sizeBreak, uidValidity).
 * It names no message as withheld: a connection lost for any reason ends a size fetch the same
 * way. The next pass sizes only the mail before `uid`, then fetches `uid` alone, which needs no
 * size (folder-sync.ts): its own fetch then tells a withheld message from a healthy one.
 */
export function sizeFetchBroken(folder: FolderAt, uid: number, cause: unknown): TrademailError {
  return new TrademailError(
    'IMAP_PROTOCOL',
    `${folder.path}: the size fetch broke before UID ${uid}: ${describeError(cause)}`,
    { cause, details: { sizeBreak: uid, uidValidity: folder.uidValidity } },
  );
}

/** Where a size fetch broke. */
export function sizeBreakOf(err: unknown): UidAt | null {
  return uidNamed(err, 'sizeBreak');
}

/**
 * The size of each message to fetch, so that batches can be bounded in bytes (batches.ts).
 * One FETCH of RFC822.SIZE over the range from the first to the last UID, less the skipped
 * ones: ranges, because a set of scattered UIDs can outgrow the server's command line. A single
 * message needs none. The server may have to read a message to size it (Dovecot does when the
 * file name does not carry the size), and drop the connection on one it cannot read: the fetch
 * then fails as sizeFetchBroken at the first message it left unsized.
 */
export async function fetchSizes(
  client: ImapFlow,
  folder: FolderAt,
  uids: readonly number[],
  skipped: readonly number[],
): Promise<{ uid: number; size: number }[]> {
  if (uids.length <= 1) return uids.map((uid) => ({ uid, size: 0 }));
  const sizes = new Map<number, number>();
  try {
    for await (const msg of client.fetch(
      rangesBetween(uids[0]!, uids.at(-1)!, skipped),
      { uid: true, size: true },
      { uid: true },
    )) {
      sizes.set(msg.uid, msg.size ?? 0);
    }
  } catch (err) {
    const unsized = uids.find((uid) => !sizes.has(uid));
    if (unsized !== undefined) throw sizeFetchBroken(folder, unsized, err);
    throw err;
  }
  return uids.map((uid) => ({ uid, size: sizes.get(uid) ?? 0 }));
}

/** "first:last" less the given UIDs: 1..9 less 3 and 7 -> "1:2,4:6,8:9". */
export function rangesBetween(first: number, last: number, less: readonly number[]): string {
  const parts: string[] = [];
  let start = first;
  for (const uid of [...less].filter((u) => u >= first && u <= last).sort((a, b) => a - b)) {
    if (uid > start) parts.push(uid - 1 > start ? `${start}:${uid - 1}` : `${start}`);
    start = uid + 1;
  }
  if (start <= last) parts.push(start < last ? `${start}:${last}` : `${start}`);
  return parts.join(',');
}

export async function fetchBatch(
  client: ImapFlow,
  folder: FolderAt,
  batch: readonly number[],
  from: number,
): Promise<FetchedBatch> {
  const got = new Map<number, Buffer>();
  /** Answered without content. */
  const withheld = new Set<number>();
  let failure: unknown = null;
  try {
    for await (const msg of client.fetch(uidSet(batch), { uid: true, source: true }, { uid: true })) {
      if (msg.uid < from) continue;
      if (msg.source) got.set(msg.uid, msg.source);
      else withheld.add(msg.uid);
    }
  } catch (err) {
    failure = err;
  }
  let missing = batch.filter((uid) => !got.has(uid));
  if (missing.length > 0 && failure === null) {
    // Expunged since the search (RFC 3501 7.4.2): gone, nothing to keep. Still listed: withheld.
    // A search the server refuses (imapflow: false) tells neither: the pass stops there.
    const listed = await client.search({ uid: uidSet(missing) }, { uid: true });
    if (!listed)
      failure = new TrademailError('IMAP_PROTOCOL', `${folder.path}: the server refused a UID SEARCH`);
    else missing = missing.filter((uid) => listed.includes(uid));
  }
  const stopAt = missing[0];
  const last = batch.at(-1)!;
  if (stopAt === undefined)
    return { items: batch.flatMap((uid) => itemOf(got, uid)), lastUid: last, stopped: null };
  const before = batch.filter((uid) => uid < stopAt);
  return {
    items: before.flatMap((uid) => itemOf(got, uid)),
    lastUid: stopAt - 1,
    // A connection lost on its own is no fault of the next message: only a message the server
    // answered without content, left out of a fetch that ended cleanly, or fetched alone (as
    // after a broken size fetch, folder-sync.ts) when the connection broke, is named. Alone, a
    // chance disconnect counts one try against it; UNREADABLE_TRIES are needed to skip it.
    stopped:
      failure === null || withheld.has(stopAt) || batch.length === 1
        ? unreadableMessage(folder, stopAt, failure ?? undefined)
        : failure instanceof TrademailError
          ? failure
          : new TrademailError('IMAP_PROTOCOL', `${folder.path}: the fetch stopped before UID ${stopAt}`, {
              cause: failure,
            }),
  };
}

function itemOf(got: ReadonlyMap<number, Buffer>, uid: number): RawItem[] {
  const source = got.get(uid);
  return source ? [rawItem(source, { uid: BigInt(uid) })] : [];
}
