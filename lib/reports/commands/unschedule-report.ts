import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { applyTransition } from "./apply-transition";

/** SCHEDULED → SUBMITTED: a reviewer takes back a scheduled publication before its time. */
export async function unscheduleReport(options: { actor: SessionUser; reportId: string; expectedVersion?: number }) {
  const result = await getDb().$transaction((tx) => applyTransition(tx, { ...options, name: "unschedule" }));
  return { version: result.version };
}
