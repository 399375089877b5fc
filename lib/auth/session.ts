import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { getDb } from "@/lib/db";
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
  return loadSessionUser(getDb(), { userId: token.userId, sessionVersion });
});

/** For pages and server actions of the back office: sends strangers to sign-in. */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  return user;
}
