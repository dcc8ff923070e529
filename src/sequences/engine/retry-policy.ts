/**
 * Retry policy for temporary SMTP failures (4xx, RFC 5321 4.2.1), as data: capped exponential
 * backoff, then `failed`, a state a person sees with its lastError.
 */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Wait after the first failed attempt; doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** 5 min, 10, 20, 40, 80, then give up: about 2.5 hours, within the users' 24 h reply norm. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 6,
  baseDelayMs: 5 * 60_000,
  maxDelayMs: 2 * 3_600_000,
});

/** The wait before the next attempt after `attempts` attempts have failed (attempts >= 1). */
export function backoffMs(policy: RetryPolicy, attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
}
