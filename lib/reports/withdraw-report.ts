import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { loadReportFor, transition } from "./load";

/** SUBMITTED → DRAFT, by the person who submitted it, before a reviewer acts. */
export async function withdrawReport(options: { actor: SessionUser; reportId: string }) {
  const { actor, reportId } = options;
  await getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "withdraw");
    await transition(tx, report, "withdraw", { status: "DRAFT" });
    await tx.workflowEvent.create({
      data: { reportId, actorId: actor.id, action: "WITHDRAW", fromStatus: "SUBMITTED", toStatus: "DRAFT" },
    });
  });
}
