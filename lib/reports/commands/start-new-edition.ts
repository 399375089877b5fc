import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { applyTransition } from "./apply-transition";

/**
 * PUBLISHED or UNPUBLISHED → DRAFT: "修改已发布稿件". The working copy becomes a new edition in
 * draft; the live edition, if any, stays online unchanged until the new one is approved.
 */
export async function startNewEdition(options: { actor: SessionUser; reportId: string; expectedVersion?: number }) {
  const result = await getDb().$transaction((tx) => applyTransition(tx, { ...options, name: "startNewEdition" }));
  return { version: result.version };
}
