import type { Actor } from "@/lib/reports/rules/permissions";
import type { Db } from "@/lib/db/client";

export interface SessionUser extends Actor {
  username: string;
  displayName: string;
}

/**
 * Loads the signed-in person afresh from the database. Returns null — and the caller treats
 * the request as signed out — when the user is gone, deactivated, or their session version
 * was raised after the token was issued (that is how "end all sessions" works with JWTs).
 */
export async function loadSessionUser(
  db: Db,
  token: { userId: string; sessionVersion: number },
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
      memberships: { select: { committeeId: true, role: true } },
    },
  });
  if (!user || !user.isActive || user.sessionVersion !== token.sessionVersion) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    memberships: user.memberships,
  };
}
