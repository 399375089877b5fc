import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { signInWithPassword } from "./sign-in";
import { createSession, revokeSession } from "./sessions";

/** Error strings the sign-in form maps to messages (next-auth passes them back as `error`). */
export const SIGN_IN_ERRORS = { invalid: "CredentialsSignin", lockedPrefix: "LOCKED:" } as const;

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
        const result = await signInWithPassword(getDb(), { username, password });
        if (result.ok) {
          // The server-side session this browser's token points at (ended by sign-out).
          const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
          const sessionId = await createSession(getDb(), {
            userId: result.user.id,
            userAgent: headers["user-agent"],
            ip: (headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() || headers["x-real-ip"],
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
    session({ session, token }) {
      // What reaches the browser: a name only. Permissions are always loaded on the server.
      if (session.user) session.user.name = token.name ?? null;
      return session;
    },
  },
};
