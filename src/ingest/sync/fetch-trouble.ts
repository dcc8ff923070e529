/**
 * What one folder's failed passes have taught: the messages the server lists but will not
 * give (fetch-batch.ts), counted until they are skipped, and where the last size fetch broke.
 * The running sync (folder-watcher.ts) and `sync --once` (sync-once.ts) keep one per folder,
 * so that a bad message is passed over the same way in both, after the same number of tries.
 */
import { sizeBreakOf, type UidAt, unreadableUid } from './fetch-batch.ts';
import type { FolderPassOptions } from './folder-sync.ts';

/** Passes that fail on the same withheld message before it is skipped (and logged as such). */
export const UNREADABLE_TRIES = 3;

export class FetchTrouble {
  /** Failed passes per withheld message, under one UIDVALIDITY. */
  readonly #tries = new Map<number, number>();
  readonly #skip = { uidValidity: -1n, uids: new Set<number>() };
  #sizeBreak: UidAt | undefined;

  /** What the next pass must pass over, and where to size around. */
  passOptions(): Pick<FolderPassOptions, 'skip' | 'sizeBreak'> {
    return { skip: this.#skip, sizeBreak: this.#sizeBreak };
  }

  /** A pass ended well: a size fetch that broke before has got past its break. */
  passed(): void {
    this.#sizeBreak = undefined;
  }

  /**
   * Learns from a failed pass. True when the next pass can get further for it: the size fetch
   * broke (the next sizes around the break), or a withheld message was counted (and skipped
   * once it has failed UNREADABLE_TRIES passes). False for any other failure.
   */
  failed(err: unknown): boolean {
    const broke = sizeBreakOf(err);
    if (broke !== null) {
      this.#sizeBreak = broke;
      return true;
    }
    const withheld = unreadableUid(err);
    if (withheld === null) return false;
    // One message the server will not give must not hold up the mail after it for ever.
    if (withheld.uidValidity !== this.#skip.uidValidity) {
      // UIDs of another UIDVALIDITY (a folder reset) name other mail: start over.
      this.#tries.clear();
      this.#skip.uids.clear();
      this.#skip.uidValidity = withheld.uidValidity;
    }
    const tries = (this.#tries.get(withheld.uid) ?? 0) + 1;
    this.#tries.set(withheld.uid, tries);
    if (tries >= UNREADABLE_TRIES) this.#skip.uids.add(withheld.uid);
    return true;
  }
}
