// Sign-in throttling, per username: after MAX_FAILURES failed attempts within WINDOW_MS,
// further attempts are refused until LOCKOUT_MS after the last of them. Counted in the
// database, so several app instances share one count. Pure rule here; I/O in sign-in.ts.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 60_000;
export const LOCKOUT_MS = 5 * 60_000;

/** How far back the caller must load failures to apply the rule. */
export const LOOKBACK_MS = WINDOW_MS + LOCKOUT_MS;

/**
 * Returns when the username may try again, or null when it may try now.
 * `failures` are the times of failed attempts since the last success, any order.
 */
export function lockedUntil(failures: readonly Date[], now: Date): Date | null {
  const times = failures.map((d) => d.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  // Any MAX_FAILURES consecutive failures inside one window start a lockout from the last one.
  for (let i = MAX_FAILURES - 1; i < times.length; i++) {
    const first = times[i - (MAX_FAILURES - 1)]!;
    const last = times[i]!;
    if (last - first <= WINDOW_MS) until = Math.max(until ?? 0, last + LOCKOUT_MS);
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
