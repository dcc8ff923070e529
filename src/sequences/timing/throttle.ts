import { TrademailError } from '../../errors.ts';
import { addDays, fromLocal, isValidTimeZone, toLocal } from '../../time/local-time.ts';

/** One sending mailbox's limits: how many mails a day, and how far apart. */
export interface ThrottleInput {
  now: Date;
  /** Mails this mailbox has sent since its local midnight. */
  sentToday: number;
  dailyCap: number;
  lastSentAt: Date | null;
  /** Minimum spacing between two sends from this mailbox, in milliseconds. */
  minGapMs: number;
  /** The zone whose midnight resets the daily count (the mailbox owner's); UTC when omitted. */
  timeZone?: string;
}

export type ThrottleReason = 'ok' | 'daily_cap' | 'min_gap';

export interface ThrottleDecision {
  allowed: boolean;
  /** `now` when allowed, else the earliest instant worth trying again. */
  notBefore: Date;
  reason: ThrottleReason;
}

/**
 * Whether a mailbox may send now. Over the cap, the next chance is the mailbox's next local
 * midnight (also respecting the gap); within the cap but too soon after the last send, it is
 * `lastSentAt + minGapMs`.
 */
export function throttleDecision(input: ThrottleInput): ThrottleDecision {
  if (!(input.dailyCap >= 0) || !(input.minGapMs >= 0) || !(input.sentToday >= 0)) {
    throw new TrademailError('USAGE', 'dailyCap, minGapMs and sentToday must be non-negative numbers');
  }
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) {
    throw new TrademailError(
      'USAGE',
      `timeZone "${input.timeZone}" is not an IANA zone such as "Asia/Shanghai"`,
    );
  }
  const now = input.now.getTime();
  const gapOpensAt = input.lastSentAt === null ? now : input.lastSentAt.getTime() + input.minGapMs;
  if (input.sentToday >= input.dailyCap) {
    const zone = input.timeZone ?? 'UTC';
    const tomorrow = addDays(toLocal(input.now, zone), 1);
    const midnight = fromLocal({ ...tomorrow, hour: 0, minute: 0 }, zone).getTime();
    return { allowed: false, notBefore: new Date(Math.max(midnight, gapOpensAt)), reason: 'daily_cap' };
  }
  if (gapOpensAt > now) return { allowed: false, notBefore: new Date(gapOpensAt), reason: 'min_gap' };
  return { allowed: true, notBefore: input.now, reason: 'ok' };
}

/** A step that is due, as far as ordering cares. */
export interface DueStep {
  /** Higher goes first (e.g. from the lead's grade or priority tier). */
  priority: number;
  dueAt: Date;
  /** Stable tie-breaker, e.g. the enrollment id. */
  key: string | number;
}

/**
 * The order to send due steps in when a mailbox cannot send them all: higher priority first,
 * then the longest-waiting, then by key so the order is deterministic.
 */
export function orderDueSteps<T extends DueStep>(steps: readonly T[]): T[] {
  return [...steps].sort(
    (a, b) =>
      b.priority - a.priority ||
      a.dueAt.getTime() - b.dueAt.getTime() ||
      (String(a.key) < String(b.key) ? -1 : String(a.key) > String(b.key) ? 1 : 0),
  );
}

/** Splits due steps into those that fit in the mailbox's remaining capacity and those deferred. */
export function takeWithinCap<T extends DueStep>(
  steps: readonly T[],
  remaining: number,
): { send: T[]; deferred: T[] } {
  const ordered = orderDueSteps(steps);
  const n = Math.max(0, Math.floor(remaining));
  return { send: ordered.slice(0, n), deferred: ordered.slice(n) };
}
