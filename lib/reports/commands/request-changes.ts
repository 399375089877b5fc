import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { applyTransition } from "./apply-transition";
import { deliverNotifications } from "./deliver-notifications";

/** SUBMITTED → DRAFT with the reviewer's comment, which the editor sees on the report. */
export async function requestChanges(options: { actor: SessionUser; reportId: string; comment: string; expectedVersion?: number }) {
  const result = await getDb().$transaction((tx) => applyTransition(tx, { ...options, name: "requestChanges" }));
  await deliverNotifications(result.notices);
  return { version: result.version };
}
