import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { applyTransition } from "./apply-transition";
import { deliverNotifications } from "./deliver-notifications";

/** DRAFT → SUBMITTED, with a revision snapshot; the committee's reviewers are notified. */
export async function submitReport(options: { actor: SessionUser; reportId: string; expectedVersion?: number }) {
  const result = await getDb().$transaction((tx) => applyTransition(tx, { ...options, name: "submit" }));
  await deliverNotifications(result.notices);
  return { version: result.version };
}
