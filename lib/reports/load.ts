import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/actor";
import { CommandError, denied } from "./errors";
import { decide, type ReportAction } from "./permissions";
import { refusalMessage } from "./refusals";
import type { ReportStatus } from "./workflow";

export type Tx = Prisma.TransactionClient;

export const commandReportSelect = {
  id: true,
  committeeId: true,
  authorId: true,
  lastEditedById: true,
  submittedById: true,
  status: true,
  version: true,
  title: true,
  liveRevisionId: true,
  publishedAt: true,
  publishAt: true,
  plainText: true,
} satisfies Prisma.ReportSelect;

export type CommandReport = Prisma.ReportGetPayload<{ select: typeof commandReportSelect }>;

const STATE_ACTIONS = new Set<ReportAction>(["submit", "withdraw", "requestChanges", "approve", "schedule", "unschedule", "edit"]);

/**
 * Loads a report inside a command's transaction and checks that `actor` may take `action`
 * on it now. A report the actor may not see is NOT_FOUND, exactly like a missing id.
 */
export async function loadReportFor(
  tx: Tx,
  actor: SessionUser,
  reportId: string,
  action: ReportAction,
): Promise<CommandReport> {
  const report = await tx.report.findUnique({ where: { id: reportId }, select: commandReportSelect });
  if (!report) throw denied("NOT_FOUND", "DRAFT");
  assertAllowed(actor, action, report);
  return report;
}

export function assertAllowed(actor: SessionUser, action: ReportAction, report: CommandReport) {
  const decision = decide(actor, action, { ...report, hasLiveEdition: report.liveRevisionId !== null });
  if (decision.allowed) return;
  if (decision.code === "WRONG_STATE" && STATE_ACTIONS.has(action)) {
    throw new CommandError("WRONG_STATE", refusalMessage(action as Parameters<typeof refusalMessage>[0], report.status));
  }
  throw denied(decision.code, report.status);
}

/**
 * Moves the report from the state it was read in, re-checked inside the write: if another
 * request changed it in between (a second reviewer, another tab), nothing is written and the
 * person is told what happened.
 */
export async function transition(
  tx: Tx,
  report: CommandReport,
  action: Parameters<typeof refusalMessage>[0],
  data: Omit<Prisma.ReportUncheckedUpdateManyInput, "version"> & { status: ReportStatus },
): Promise<number> {
  const { count } = await tx.report.updateMany({
    where: { id: report.id, status: report.status, version: report.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1) {
    const now = await tx.report.findUnique({ where: { id: report.id }, select: { status: true } });
    throw new CommandError("STALE_STATE", refusalMessage(action, now?.status ?? report.status));
  }
  return report.version + 1;
}

/** Checks the version the person's screen was based on, when they sent one. */
export function assertVersion(report: CommandReport, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && expectedVersion !== report.version) {
    throw new CommandError("STALE_STATE", "稿件已被他人修改，请刷新后再操作");
  }
}
