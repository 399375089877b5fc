import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/actor";
import { messages } from "@/lib/i18n";
import { hasUnsafeTextChars, UNSAFE_TEXT_MESSAGE } from "@/lib/validation/text";
import { announcePublicChange, publicTagsOf } from "@/lib/public/changes";
import { recordAudit } from "@/lib/audit/record";
import { recordTransitionStats } from "@/lib/stats/rollup";
import { indexPublishedReport, removeFromSearchIndex } from "@/lib/search/document";
import { CommandError, invalid } from "../errors";
import type { TiptapDoc } from "@/lib/content/validate";
import { toReportFields } from "../rules/fields";
import { loadProofreadingExtras } from "@/lib/proofreading-terms/load-terms";
import { failedGate, gatesNeedProofreading } from "../rules/gates";
import { acknowledgementText, proofread, type Acknowledgement } from "../rules/proofreading";
import { refusalMessage } from "../rules/refusals";
import { targetOf, TRANSITIONS, type ReportStatus, type TransitionName } from "../rules/workflow";
import { authorAndSubmitter, type NotificationDraft } from "./deliver-notifications";
import { assertAllowed, assertVersion, loadReport, type CommandReport, type Tx } from "./load-report";
import { writeRevision } from "./write-revision";

/** The scheduler: it may take only the transitions whose permission is null. */
export const SYSTEM = { system: true } as const;
export type TransitionActor = SessionUser | typeof SYSTEM;

export interface TransitionRequest {
  actor: TransitionActor;
  reportId: string;
  name: TransitionName;
  /** The version the person's screen showed; a newer one refuses the transition. */
  expectedVersion?: number;
  /** The reason or request a transition with `requiresComment` needs; kept on the event. */
  comment?: string;
  /** Columns the command sets along with the state (publishAt of a scheduled publication). */
  set?: Prisma.ReportUncheckedUpdateManyInput;
  /** The reviewer's acknowledgement of proofreading warnings, for transitions whose gates need it. */
  acknowledgement?: Acknowledgement;
  /** Refuses before any write, with the report as loaded (a command's own precondition). */
  check?: (report: CommandReport) => void;
  now?: Date;
}

export interface TransitionResult {
  report: CommandReport;
  from: ReportStatus;
  to: ReportStatus;
  version: number;
  revisionId: string | null;
  /** To deliver after the transaction commits (deliverNotifications). */
  notices: NotificationDraft[];
}

const MAX_COMMENT = 2000;

/**
 * The one write path of the workflow (STYLE.md 2): may they? → gates → the state change,
 * re-checked inside the UPDATE → revision, public edition, event, announcement — all inside the
 * caller's transaction — and the notices to send once it commits. Every change of a report's
 * status in the product goes through here, and what it does is read from TRANSITIONS.
 */
export async function applyTransition(tx: Tx, request: TransitionRequest): Promise<TransitionResult> {
  const spec = TRANSITIONS[request.name];
  const { actor, reportId } = request;
  const now = request.now ?? new Date();
  const comment = (request.comment ?? "").trim();
  if (spec.requiresComment && !comment) {
    throw invalid(spec.publicEffect === "unpublish" ? messages.workflow.reasonRequired : messages.workflow.commentRequired);
  }
  if (comment.length > MAX_COMMENT) throw invalid(`${messages.workflow.commentTooLong}（${MAX_COMMENT}）`);
  if (hasUnsafeTextChars(comment)) throw invalid(`${messages.workflow.commentLabel}${UNSAFE_TEXT_MESSAGE}`);

  const report = await loadReport(tx, reportId);
  if ("system" in actor) {
    if (spec.permission !== null) throw new Error(`the system may not ${request.name}`);
  } else {
    if (spec.permission === null) throw new CommandError("NOT_MEMBER", messages.permission.NOT_MEMBER);
    assertAllowed(actor, spec.permission, report, request.name);
  }
  if (!(spec.from as readonly ReportStatus[]).includes(report.status)) {
    throw new CommandError("WRONG_STATE", refusalMessage(request.name, report.status));
  }
  // The takedown concerns the live edition, not the working copy a person may be saving.
  if (spec.publicEffect !== "unpublish") assertVersion(report, request.expectedVersion);
  // The body is read only for the gates that look into it, not on every transition.
  const needsBody = gatesNeedProofreading(spec.gates) || spec.gates.includes("figuresHaveAltText");
  const row = needsBody ? await tx.report.findUniqueOrThrow({ where: { id: reportId } }) : null;
  const findings =
    row && gatesNeedProofreading(spec.gates)
      ? proofread({ fields: toReportFields(row), content: row.content as TiptapDoc }, await loadProofreadingExtras(tx))
      : undefined;
  const gateRefusal = failedGate(spec.gates, { ...report, content: row?.content, findings, acknowledgement: request.acknowledgement });
  if (gateRefusal) throw new CommandError("NOT_PUBLISHABLE", gateRefusal);
  request.check?.(report);

  const actorId = "system" in actor ? null : actor.id;
  const to = targetOf(request.name, report.status);
  // Read before the change: the 栏目 of the edition going offline is purged too.
  const publicTags = spec.publicEffect ? await publicTagsOf(tx, reportId) : [];
  const { count } = await tx.report.updateMany({
    where: {
      id: reportId,
      status: report.status,
      ...(spec.bumpsVersion ? { version: report.version } : { liveRevisionId: report.liveRevisionId }),
    },
    data: {
      ...request.set,
      status: to,
      ...(spec.bumpsVersion ? { version: { increment: 1 } } : {}),
      ...(request.name === "submit" ? { submittedById: actorId } : {}),
      ...(spec.publicEffect === "unpublish" ? { liveRevisionId: null, unpublishedAt: now, unpublishReason: comment } : {}),
      ...(request.name === "unschedule" ? { publishAt: null } : {}),
    },
  });
  if (count !== 1) {
    const current = await tx.report.findUnique({ where: { id: reportId }, select: { status: true } });
    throw new CommandError("STALE_STATE", refusalMessage(request.name, current?.status ?? report.status));
  }

  let revisionId: string | null = null;
  if (spec.publicEffect === "publish") {
    revisionId = await publishWorkingEdition(tx, { reportId, actorId, at: now, firstPublishedAt: report.publishedAt });
  } else if (spec.revision) {
    revisionId = (await writeRevision(tx, { reportId, reason: spec.revision, actorId })).id;
  }
  if (spec.publicEffect === "unpublish") await removeFromSearchIndex(tx, reportId);
  if (spec.publicEffect) await announcePublicChange(tx, { reportId, tags: publicTags });

  if (findings?.some((f) => f.severity === "warning") && request.acknowledgement) {
    // Who acknowledged which warnings and why, on the report's record and in the audit log,
    // before the approval itself.
    const text = acknowledgementText(findings, request.acknowledgement);
    await tx.workflowEvent.create({
      data: { reportId, actorId, action: "ACKNOWLEDGE_WARNINGS", fromStatus: report.status, toStatus: report.status, comment: text },
    });
    await recordAudit(tx, { actorId, action: "proofreading.acknowledge", targetType: "Report", targetId: reportId, committeeId: report.committeeId, detail: { reason: request.acknowledgement.reason, warnings: findings.filter((f) => f.severity === "warning").length }, at: now });
  }
  const event = await tx.workflowEvent.create({
    data: { reportId, actorId, action: spec.event, fromStatus: report.status, toStatus: to, comment, revisionId },
    select: { id: true, createdAt: true },
  });
  await recordTransitionStats(tx, { name: request.name, to, report, event, revisionId });
  // Last write of the transaction: it holds the audit chain's lock until commit. The scheduler's
  // transitions are recorded too, with no actor.
  await recordAudit(tx, { actorId, action: `report.${request.name}`, targetType: "Report", targetId: reportId, committeeId: report.committeeId, detail: { from: report.status, to, comment }, at: now });

  const notices: NotificationDraft[] = [];
  if (spec.notify) {
    notices.push({
      kind: spec.notify.kind,
      reportId,
      actorId,
      message: comment || undefined,
      ...(spec.notify.to === "reviewers" ? { reviewersOf: report.committeeId } : { userIds: authorAndSubmitter(report) }),
    });
  }
  return { report, from: report.status, to, version: report.version + (spec.bumpsVersion ? 1 : 0), revisionId, notices };
}

/**
 * Makes the working edition the live one: a PUBLISH revision becomes Report.liveRevision. The
 * first publication time is kept; the correction note travels with its edition and is cleared
 * from the working copy, and so is the list of who wrote it (the next edition starts afresh).
 */
async function publishWorkingEdition(
  tx: Tx,
  options: { reportId: string; actorId: string | null; at: Date; firstPublishedAt: Date | null },
): Promise<string> {
  const revision = await writeRevision(tx, { reportId: options.reportId, reason: "PUBLISH", actorId: options.actorId, publishedAt: options.at });
  await tx.report.update({
    where: { id: options.reportId },
    data: {
      liveRevisionId: revision.id,
      publishedAt: options.firstPublishedAt ?? options.at,
      publishAt: null,
      unpublishedAt: null,
      unpublishReason: "",
      correctionNote: "",
      editionEditorIds: [],
    },
  });
  await indexPublishedReport(tx, options.reportId);
  return revision.id;
}
