"use server";
// The back office's server actions. Each declares its input as a zod schema and runs one
// command; the client (./client.ts) validates, loads the actor and turns refusals into words.
import { redirect } from "next/navigation";
import { z } from "zod";
import { approveReport } from "@/lib/reports/commands/approve-report";
import { addCommentSchema, addReviewComment } from "@/lib/reports/commands/add-review-comment";
import { createReport } from "@/lib/reports/commands/create-report";
import { requestChanges } from "@/lib/reports/commands/request-changes";
import { restoreRevision } from "@/lib/reports/commands/restore-revision";
import { setCommentResolved } from "@/lib/reports/commands/set-comment-resolved";
import { startNewEdition } from "@/lib/reports/commands/start-new-edition";
import { submitReport } from "@/lib/reports/commands/submit-report";
import { unpublishReport } from "@/lib/reports/commands/unpublish-report";
import { unscheduleReport } from "@/lib/reports/commands/unschedule-report";
import { withdrawReport } from "@/lib/reports/commands/withdraw-report";
import { markAllNotificationsRead } from "@/lib/notifications/queries";
import type { SessionUser } from "@/lib/auth/actor";
import { authActionClient } from "./client";

const id = z.string().min(1).max(64);
const version = z.number().int().positive();
const text = z.string().max(10_000);

const onReport = z.object({ reportId: id });
const onVersion = onReport.extend({ expectedVersion: version });

export const createReportAction = authActionClient
  .inputSchema(z.object({ committeeId: id, title: text }))
  .action(async ({ parsedInput, ctx }) => {
    const report = await createReport({ actor: ctx.actor, committeeId: parsedInput.committeeId, fields: { title: parsedInput.title } });
    redirect(`/studio/reports/${report.id}`);
  });

/** An action that validates `schema` and runs `command` with the actor and the parsed input. */
function actorCommand<S extends z.ZodObject, R>(schema: S, command: (input: z.output<S> & { actor: SessionUser }) => Promise<R>) {
  return authActionClient.inputSchema(schema).action(async ({ parsedInput, ctx }) => command({ ...(parsedInput as z.output<S>), actor: ctx.actor }));
}

export const submitReportAction = actorCommand(onVersion, submitReport);
export const withdrawReportAction = actorCommand(onVersion.partial({ expectedVersion: true }), withdrawReport);
export const requestChangesAction = actorCommand(onReport.extend({ comment: text }), requestChanges);

/** `publishAt`: an ISO time for scheduling, or null to publish now. */
export const approveReportAction = authActionClient
  .inputSchema(
    onVersion.extend({
      publishAt: z.iso.datetime({ offset: true, message: "发布时间格式不正确" }).nullable(),
      acknowledgement: z.object({ keys: z.array(z.string().max(500)).max(1000), reason: text }).optional(),
    }),
  )
  .action(async ({ parsedInput, ctx }) =>
    approveReport({
      actor: ctx.actor,
      reportId: parsedInput.reportId,
      expectedVersion: parsedInput.expectedVersion,
      publishAt: parsedInput.publishAt ? new Date(parsedInput.publishAt) : null,
      acknowledgement: parsedInput.acknowledgement,
    }),
  );

export const unscheduleReportAction = actorCommand(onReport, unscheduleReport);
export const unpublishReportAction = actorCommand(onReport.extend({ reason: text }), unpublishReport);
export const startNewEditionAction = actorCommand(onVersion, startNewEdition);
export const restoreRevisionAction = actorCommand(onVersion.extend({ revisionId: id }), restoreRevision);

export const addCommentAction = authActionClient
  .inputSchema(onReport.extend({ comment: addCommentSchema }))
  .action(async ({ parsedInput, ctx }) => addReviewComment({ actor: ctx.actor, reportId: parsedInput.reportId, input: parsedInput.comment }));

export const resolveCommentAction = actorCommand(onReport.extend({ commentId: id, resolved: z.boolean() }), setCommentResolved);

export const markNotificationsReadAction = authActionClient.action(async ({ ctx }) => {
  await markAllNotificationsRead(ctx.actor.id);
});
