import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { getDb } from "@/lib/db";
import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { loadSessionUser, type SessionUser } from "./actor";

/**
 * The signed-in person for this request, re-read from the database (once per request), or
 * null when signed out, deactivated, or their sessions were ended by raising sessionVersion.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // getToken reads the (possibly chunked) next-auth cookie and decrypts it with NEXTAUTH_SECRET.
  const token = await getToken({ req: { cookies: await cookies(), headers: {} } as never });
  if (!token || typeof token.userId !== "string") return null;
  const sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : -1;
  // A token without a session id (issued before sessions were stored) matches no row: signed out.
  const sessionId = typeof token.sessionId === "string" ? token.sessionId : "";
  return loadSessionUser(getDb(), { userId: token.userId, sessionVersion, sessionId });
});

export const PASSWORD_PAGE = "/studio/account/password";

/**
 * For API routes, which cannot redirect: someone still holding a one-time password is refused
 * (403, in words) everything but the password page, like pages and actions refuse them.
 */
export function passwordChangeRefusal(user: SessionUser | null): Response | null {
  if (!user?.mustChangePassword) return null;
  return Response.json({ error: adminMessages.account.mustChange, code: "PASSWORD_CHANGE_REQUIRED" }, { status: 403 });
}

/**
 * For pages of the back office: sends strangers to sign-in, and someone holding a one-time
 * password to the password page before anything else (only that page passes
 * `allowPasswordChange`; the layout too, since it wraps that page).
 */
export async function requireSessionUser(options: { allowPasswordChange?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  if (user.mustChangePassword && !options.allowPasswordChange) redirect(PASSWORD_PAGE);
  return user;
}
