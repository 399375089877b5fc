import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { loadSessionUser } from "./actor";
import { sameOriginPath } from "./redirect";
import { signInWithPassword } from "./sign-in";
import { clientAddress } from "@/lib/http/client-address";
import { createSession, revokeSession } from "./sessions";

/** Error strings the sign-in form maps to messages (next-auth passes them back as `error`). */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", lockedPrefix: "LOCKED:" } as const;

/** The person behind a still-valid JWT was deactivated or had their sessions ended. */
class SessionEnded extends Error {
  constructor() {
    super("session ended");
  }
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  logger: {
    // An ended session is an expected answer, not an error worth a log line per request.
    error(code, metadata) {
      const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
      if (code === "JWT_SESSION_ERROR" && error instanceof SessionEnded) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "password",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(credentials, req) {
        const username = credentials?.username ?? "";
        const password = credentials?.password ?? "";
        if (!username.trim() || !password) return null;
        // Next is reached only through the front server or another trusted proxy (it listens
        // on loopback), so the right end of X-Forwarded-For is a proxy's word about the client.
        const forwarded = req?.headers?.["x-forwarded-for"] as string | string[] | undefined;
        const address = clientAddress(Array.isArray(forwarded) ? forwarded.join(",") : forwarded, undefined);
        const result = await signInWithPassword(getDb(), { username, password, address });
        if (result.ok) {
          // The server-side session this browser's token points at (ended by sign-out).
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const sessionId = await createSession(getDb(), {
            userId: result.user.id,
            userAgent: headers["user-agent"],
            ip: address,
          });
          return {
            sessionId,
            id: result.user.id,
            name: result.user.displayName,
            username: result.user.username,
            sessionVersion: result.user.sessionVersion,
          };
        }
        if (result.code === "LOCKED") {
          const minutes = Math.max(1, Math.ceil((result.retryAt.getTime() - Date.now()) / 60_000));
          throw new Error(`${SIGN_IN_ERRORS.lockedPrefix}${minutes}`);
        }
        return null;
      },
    }),
  ],
  events: {
    // Signing out ends the session on the server, so a copied cookie is worthless afterwards.
    async signOut({ token }) {
      if (typeof token?.sessionId === "string" && typeof token.userId === "string") {
        await revokeSession(getDb(), { sessionId: token.sessionId, userId: token.userId });
      }
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        token.sessionId = (user as { sessionId?: string }).sessionId;
      }
      return token;
    },
    // next-auth's own redirects (sign-in and sign-out callbackUrl): paths on this site only.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl, "/")}`;
    },
    async session({ session, token }) {
      // A deactivated person, or one whose sessions were ended, has no session here either
      // (next-auth only checks the JWT): /api/auth/session then answers {} like signed out.
      const userId = typeof token.userId === "string" ? token.userId : "";
      const sessionVersion = typeof token.sessionVersion === "number" ? token.sessionVersion : -1;
      // Throwing is how next-auth v4 is told: it answers {} and clears the session cookie.
      if (!userId || !(await loadSessionUser(getDb(), { userId, sessionVersion }))) throw new SessionEnded();
      // What reaches the browser: a name only. Permissions are always loaded on the server.
      if (session.user) session.user.name = token.name ?? null;
      return session;
    },
  },
};
