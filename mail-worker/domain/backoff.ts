// Pure reconnect delay math; the watchers own the timers.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 5 * 60 * 1000 };

/**
 * Capped exponential backoff with full jitter: attempt 0 waits up to base, each later attempt doubles the cap
 * until maxMs. `random` is a number in [0, 1) supplied by the caller so the result is testable.
 */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
