import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { loadReportFor, transition } from "./load";

/** SCHEDULED → SUBMITTED: a reviewer takes back a scheduled publication before its time. */
export async function unscheduleReport(options: { actor: SessionUser; reportId: string }) {
  const { actor, reportId } = options;
  await getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "unschedule");
    await transition(tx, report, "unschedule", { status: "SUBMITTED", publishAt: null });
    await tx.workflowEvent.create({
      data: { reportId, actorId: actor.id, action: "UNSCHEDULE", fromStatus: "SCHEDULED", toStatus: "SUBMITTED" },
    });
  });
}
