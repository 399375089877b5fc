import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/actor";
import { CommandError, denied } from "../errors";
import { decide, type ReportAction } from "../rules/permissions";
import { refusalMessage } from "../rules/refusals";
import type { TransitionName } from "../rules/workflow";

export type Tx = Prisma.TransactionClient;

export const commandReportSelect = {
  id: true,
  committeeId: true,
  authorId: true,
  lastEditedById: true,
  submittedById: true,
  editionEditorIds: true,
  status: true,
  version: true,
  title: true,
  liveRevisionId: true,
  publishedAt: true,
  publishAt: true,
  plainText: true,
} satisfies Prisma.ReportSelect;

export type CommandReport = Prisma.ReportGetPayload<{ select: typeof commandReportSelect }>;

/**
 * Loads a report inside a command's transaction and checks that `actor` may take `action`
 * on it now. A report the actor may not see is NOT_FOUND, exactly like a missing id.
 */
export async function loadReportFor(
  tx: Tx,
  actor: SessionUser,
  reportId: string,
  action: ReportAction,
  refusalFor?: TransitionName | "edit",
): Promise<CommandReport> {
  const report = await loadReport(tx, reportId);
  assertAllowed(actor, action, report, refusalFor);
  return report;
}

export async function loadReport(tx: Tx, reportId: string): Promise<CommandReport> {
  const report = await tx.report.findUnique({ where: { id: reportId }, select: commandReportSelect });
  if (!report) throw denied("NOT_FOUND", "DRAFT");
  return report;
}

/** Refuses, in words, what permissions.ts does not allow; a wrong state is told as what happened. */
export function assertAllowed(actor: SessionUser, action: ReportAction, report: CommandReport, refusalFor?: TransitionName | "edit") {
  const decision = decide(actor, action, { ...report, hasLiveEdition: report.liveRevisionId !== null });
  if (decision.allowed) return;
  if (decision.code === "WRONG_STATE" && refusalFor) throw new CommandError("WRONG_STATE", refusalMessage(refusalFor, report.status));
  throw denied(decision.code, report.status);
}

/** Checks the version the person's screen was based on, when they sent one. */
export function assertVersion(report: CommandReport, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== report.version) {
    throw new CommandError("STALE_STATE", "稿件已被他人修改，请刷新后再操作");
  }
}
