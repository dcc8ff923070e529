/** Capped exponential backoff with full jitter (retry policy as data). */
export interface BackoffPolicy {
  baseMs?: number;
  maxMs: number;
  /** injected for tests; Math.random by default */
  random?: () => number;
}

export function backoffDelay(attempt: number, policy: BackoffPolicy): number {
  const base = policy.baseMs ?? 1000;
  const ceiling = Math.min(policy.maxMs, base * 2 ** Math.min(attempt, 30));
  const random = policy.random ?? Math.random;
  // Half fixed, half random: never hammers the server in lockstep, never waits zero.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
