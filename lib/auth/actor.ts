import type { Actor } from "@/lib/reports/rules/permissions";
import type { Db } from "@/lib/db/client";

export interface SessionUser extends Actor {
  username: string;
  displayName: string;
  /** Signed in with a one-time password: only the password page is open until it is changed. */
  mustChangePassword: boolean;
  /** The Session row of this request (empty for people loaded outside a request, e.g. tests). */
  sessionId: string;
}

/** lastSeenAt is written at most this often, so the per-request check stays one read. */
export const LAST_SEEN_INTERVAL_MS = 60_000;

/**
 * Loads the signed-in person afresh from the database. Returns null — and the caller treats
 * the request as signed out — when the user is gone, deactivated, their session version was
 * raised after the token was issued, or (when the token names one) their Session row is
 * missing or revoked: that is how signing out ends a copied cookie too.
 *
 * `sessionId` undefined means "not from a browser session" (tests, scripts); the request path
 * (lib/auth/session.ts) always passes a string, and a token without one is refused there.
 */
export async function loadSessionUser(
  db: Db,
  token: { userId: string; sessionVersion: number; sessionId?: string },
  now: Date = new Date(),
): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id: token.userId },
    select: {
      id: true,
      username: true,
      displayName: true,
      isAdmin: true,
      isActive: true,
      sessionVersion: true,
      mustChangePassword: true,
      memberships: { select: { committeeId: true, role: true } },
      // The session row comes with the user in the same read.
      sessions: { where: { id: token.sessionId ?? "" }, select: { revokedAt: true, lastSeenAt: true } },
    },
  });
  if (!user || !user.isActive || user.sessionVersion !== token.sessionVersion) return null;
  if (token.sessionId !== undefined) {
    const session = user.sessions[0];
    if (!session || session.revokedAt) return null;
    if (now.getTime() - session.lastSeenAt.getTime() >= LAST_SEEN_INTERVAL_MS) {
      // Conditional, so concurrent requests of one browser write it once.
      await db.session.updateMany({
        where: { id: token.sessionId, lastSeenAt: { lte: new Date(now.getTime() - LAST_SEEN_INTERVAL_MS) } },
        data: { lastSeenAt: now },
      });
    }
  }
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    memberships: user.memberships,
    mustChangePassword: user.mustChangePassword,
    sessionId: token.sessionId ?? "",
  };
}
