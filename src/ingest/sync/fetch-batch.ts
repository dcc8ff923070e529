/**
 * Fetches one batch of a folder (BODY.PEEK[], so no flag changes) and says how far the cursor
 * may move. A message the server still lists but gives no content for must not be passed by
 * the cursor, or it would never be fetched again: seen with Dovecot on a message file it cannot
 * read, where it answers that message's FETCH without the body and then drops the connection.
 * What came before it is kept, so one bad message costs only itself; the folder watcher skips
 * it for good after repeated tries (folder-watcher.ts), recording that it did.
 */
import type { ImapFlow } from 'imapflow';
import { TrademailError } from '../../errors.ts';
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

/** The error of a message the server lists but will not give; its UID is in details.uid. */
export function unreadableMessage(path: string, uid: number, cause?: unknown): TrademailError {
  return new TrademailError(
    'IMAP_PROTOCOL',
    `${path}: UID ${uid}: the server lists this message but gives no content for it; synced up to the message before it`,
    { cause, details: { uid } },
  );
}

export function unreadableUid(err: unknown): number | null {
  const uid = err instanceof TrademailError ? err.details?.uid : undefined;
  return typeof uid === 'number' ? uid : null;
}

export async function fetchBatch(
  client: ImapFlow,
  path: string,
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
    const listed = new Set((await client.search({ uid: uidSet(missing) }, { uid: true })) || []);
    missing = missing.filter((uid) => listed.has(uid));
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
    // answered without content, or left out of a fetch that ended cleanly, is named.
    stopped:
      failure === null || withheld.has(stopAt)
        ? unreadableMessage(path, stopAt, failure ?? undefined)
        : failure instanceof TrademailError
          ? failure
          : new TrademailError('IMAP_PROTOCOL', `${path}: the fetch stopped before UID ${stopAt}`, {
              cause: failure,
            }),
  };
}

function itemOf(got: ReadonlyMap<number, Buffer>, uid: number): RawItem[] {
  const source = got.get(uid);
  return source ? [rawItem(source, { uid: BigInt(uid) })] : [];
}
