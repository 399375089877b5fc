// Sign-in throttling. Counted in the database, so several app instances share one count. Pure
// rules here; I/O in sign-in.ts. Three counts, because guessing comes in two shapes (issue 9):
// - per username and source address: after MAX_FAILURES failed attempts within WINDOW_MS,
//   that address may not try that username until LOCKOUT_MS after the last of them. Only the
//   guesser's address is locked, so a stranger can never lock a person out;
// - per source address, over all usernames: ADDRESS_MAX_FAILURES failures within
//   ADDRESS_WINDOW_MS lock the address for ADDRESS_LOCKOUT_MS (one address spraying many
//   usernames);
// - per username, over all addresses: from USERNAME_SLOW_AFTER failures within
//   USERNAME_WINDOW_MS every attempt at it is answered more slowly, up to MAX_DELAY_MS — slowed,
//   never locked, so guessing from many addresses costs time but the person still gets in.

export const MAX_FAILURES = 5;
export const WINDOW_MS = 60_000;
export const LOCKOUT_MS = 5 * 60_000;

export const ADDRESS_MAX_FAILURES = 30;
export const ADDRESS_WINDOW_MS = 10 * 60_000;
export const ADDRESS_LOCKOUT_MS = 15 * 60_000;

export const USERNAME_SLOW_AFTER = 10;
export const USERNAME_WINDOW_MS = 15 * 60_000;
export const DELAY_STEP_MS = 250;
export const MAX_DELAY_MS = 5_000;

/** How far back the caller must load failures to apply the rules. */
export const LOOKBACK_MS = Math.max(WINDOW_MS + LOCKOUT_MS, ADDRESS_WINDOW_MS + ADDRESS_LOCKOUT_MS, USERNAME_WINDOW_MS);

/**
 * Returns when the username may try again, or null when it may try now.
 * `failures` are the times of failed attempts since the last success, any order.
 */
export function lockedUntil(
  failures: readonly Date[],
  now: Date,
  rule: { max: number; window: number; lockout: number } = { max: MAX_FAILURES, window: WINDOW_MS, lockout: LOCKOUT_MS },
): Date | null {
  const times = failures.map((d) => d.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  // Any `max` consecutive failures inside one window start a lockout from the last one.
  for (let i = rule.max - 1; i < times.length; i++) {
    const first = times[i - (rule.max - 1)]!;
    const last = times[i]!;
    if (last - first <= rule.window) until = Math.max(until ?? 0, last + rule.lockout);
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

export interface RecentFailures {
  /** This username from this address, since its last success there. */
  pair: readonly Date[];
  /** This address, any username. */
  address: readonly Date[];
  /** This username, any address. */
  username: readonly Date[];
}

/** Whether an attempt may be made now (`retryAt` null) and how long to hold its answer. */
export function assessSignIn(failures: RecentFailures, now: Date): { retryAt: Date | null; delayMs: number } {
  const pair = lockedUntil(failures.pair, now);
  const address = lockedUntil(failures.address, now, { max: ADDRESS_MAX_FAILURES, window: ADDRESS_WINDOW_MS, lockout: ADDRESS_LOCKOUT_MS });
  const retryAt = [pair, address].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
  const since = now.getTime() - USERNAME_WINDOW_MS;
  const recent = failures.username.filter((d) => d.getTime() >= since).length;
  const delayMs = recent < USERNAME_SLOW_AFTER ? 0 : Math.min(MAX_DELAY_MS, (recent - USERNAME_SLOW_AFTER + 1) * DELAY_STEP_MS);
  return { retryAt, delayMs };
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
