import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { revokeAllSessions, revokeSession as revokeRow } from "@/lib/auth/sessions";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { notFound } from "./common";

/** Ends one of the person's own sessions (another device, or this one). */
export async function revokeOwnSession(options: { actor: SessionUser; sessionId: string }) {
  const { actor, sessionId } = options;
  await getDb().$transaction(async (tx) => {
    if (!(await revokeRow(tx, { sessionId, userId: actor.id }))) throw notFound(t.account.sessionNotFound);
    await recordAudit(tx, { actorId: actor.id, action: "session.revoke", targetType: "Session", targetId: sessionId });
  });
}

/** "Sign out everywhere": every session of the person, this one included. */
export async function signOutEverywhere(options: { actor: SessionUser }) {
  const { actor } = options;
  await getDb().$transaction(async (tx) => {
    const count = await revokeAllSessions(tx, actor.id);
    await recordAudit(tx, { actorId: actor.id, action: "session.revokeAll", targetType: "User", targetId: actor.id, detail: { count } });
  });
}
