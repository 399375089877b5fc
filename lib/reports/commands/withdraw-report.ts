import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { applyTransition } from "./apply-transition";

/** SUBMITTED → DRAFT, by the person who submitted it, before a reviewer acts. */
export async function withdrawReport(options: { actor: SessionUser; reportId: string; expectedVersion?: number }) {
  const result = await getDb().$transaction((tx) => applyTransition(tx, { ...options, name: "withdraw" }));
  return { version: result.version };
}
