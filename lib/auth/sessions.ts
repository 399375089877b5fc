// Server-side sessions behind the JWT cookie: created on sign-in, revoked on sign-out, and
// listed on the person's own sessions page.
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

type Writer = Db | Prisma.TransactionClient;

export async function createSession(db: Writer, input: { userId: string; userAgent?: string; ip?: string }): Promise<string> {
  const row = await db.session.create({
    data: { userId: input.userId, userAgent: (input.userAgent ?? "").slice(0, 500), ip: (input.ip ?? "").slice(0, 100) },
    select: { id: true },
  });
  return row.id;
}

/** Revokes one session; `userId` keeps a person from revoking someone else's. Returns whether one was revoked. */
export async function revokeSession(db: Writer, input: { sessionId: string; userId?: string }, now = new Date()): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id: input.sessionId, revokedAt: null, ...(input.userId ? { userId: input.userId } : {}) },
    data: { revokedAt: now },
  });
  return count === 1;
}

/**
 * Ends every session of a person: revokes the rows and raises sessionVersion, so even a
 * token issued before sessions were stored stops working.
 */
export async function revokeAllSessions(db: Writer, userId: string, now = new Date()): Promise<number> {
  const { count } = await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  await db.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  return count;
}

export function listActiveSessions(db: Db, userId: string) {
  return db.session.findMany({
    where: { userId, revokedAt: null },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  });
}

/** A readable device name from a user agent: browser and system, e.g. "Chrome · Windows". */
export function describeDevice(userAgent: string): string {
  const ua = userAgent;
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /(Chrome|Chromium|HeadlessChrome)\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : "";
  const system = /Windows/.test(ua)
    ? "Windows"
    : /Android/.test(ua)
      ? "Android"
      : /(iPhone|iPad)/.test(ua)
        ? "iOS"
        : /Mac OS X/.test(ua)
          ? "macOS"
          : /Linux/.test(ua)
            ? "Linux"
            : "";
  return [browser, system].filter(Boolean).join(" · ");
}
