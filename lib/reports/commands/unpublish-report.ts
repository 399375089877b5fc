import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { applyTransition } from "./apply-transition";
import { deliverNotifications } from "./deliver-notifications";
import { loadReport } from "./load-report";

/**
 * Takes the live edition offline (a reviewer of the committee, or a site admin for takedown);
 * the public URL then answers 410 with a short notice. A new edition in progress keeps its
 * state (unpublishLive); a report with nothing in progress becomes UNPUBLISHED.
 */
export async function unpublishReport(options: { actor: SessionUser; reportId: string; reason: string }) {
  const result = await getDb().$transaction(async (tx) => {
    const { status } = await loadReport(tx, options.reportId);
    return applyTransition(tx, {
      actor: options.actor,
      reportId: options.reportId,
      comment: options.reason,
      name: status === "PUBLISHED" || status === "UNPUBLISHED" ? "unpublish" : "unpublishLive",
    });
  });
  await deliverNotifications(result.notices);
  return { version: result.version };
}
