/**
 * Every mailbox's sent mail before any other folder of any mailbox. A buyer's answer is read
 * as a reply only if the mail it answers is stored first, and the answer may sit in another
 * mailbox than our mail: a buyer who answers "reply all" to a salesperson's quote puts a copy
 * in the shared inquiry inbox too. On a first backfill, with the mailboxes synced side by side,
 * that copy was stored before the quote (still deep in the salesperson's Sent folder), became
 * a new inquiry with an SLA clock, and the salesperson's own copy was then its duplicate.
 *
 * The gate opens once each of the expected mailboxes has arrived, with its Sent folders' first
 * tries (first pass done, or GIVE_UP_TRIES failed: nobody waits for ever, folder-watcher.ts) or
 * with none (no Sent folder, or the mailbox could not be listed). After a restart the Sent
 * folders' passes only fetch what is new, so the gate opens within a second or two.
 */
export interface SentGate {
  /** One mailbox's arrival; a mailbox that arrives again (retried after a failure) is ignored. */
  arrive(mailbox: string, sentFirstTries?: Promise<void>): void;
  opened: Promise<void>;
}

/** A gate for the named mailboxes (a name not among them is ignored). */
export function sentGate(mailboxes: readonly string[]): SentGate {
  const waiting = new Set(mailboxes);
  const tries: Promise<void>[] = [];
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const check = () => {
    if (waiting.size === 0) void Promise.allSettled(tries).then(() => open());
  };
  check();
  return {
    arrive(mailbox, sentFirstTries) {
      if (!waiting.delete(mailbox)) return;
      if (sentFirstTries) tries.push(sentFirstTries);
      check();
    },
    opened,
  };
}
