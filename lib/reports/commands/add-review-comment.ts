import "server-only";
import { z } from "zod";
import { safeTextRule } from "@/lib/validation/text";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { CommandError, invalid } from "../errors";
import { loadReportFor } from "./load-report";
import { authorAndSubmitter, deliverNotifications } from "./deliver-notifications";

const anchorSchema = z.object({
  quote: z.string().min(1).max(2000),
  prefix: z.string().max(64),
  suffix: z.string().max(64),
});

export const addCommentSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, { message: "请输入评论内容" })
    .max(2000, { message: "评论不能超过 2000 字" })
    .refine(...safeTextRule("评论")),
  anchor: anchorSchema.nullish(),
  parentId: z.string().nullish(),
});
export type AddCommentInput = z.input<typeof addCommentSchema>;

/**
 * A comment on a report, anchored to a passage by its quote and surrounding text (so it
 * survives edits of the text around it), or a reply in an existing thread.
 */
export async function addReviewComment(options: { actor: SessionUser; reportId: string; input: AddCommentInput }) {
  const { actor, reportId } = options;
  const parsed = addCommentSchema.safeParse(options.input);
  if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? "评论无效");
  const { body, anchor, parentId } = parsed.data;

  const { comment, report, participants } = await getDb().$transaction(async (tx) => {
    const report = await loadReportFor(tx, actor, reportId, "comment");
    let participants: string[] = [];
    if (parentId) {
      const parent = await tx.reviewComment.findFirst({ where: { id: parentId, reportId, parentId: null } });
      if (!parent) throw new CommandError("NOT_FOUND", "找不到要回复的评论");
      const thread = await tx.reviewComment.findMany({ where: { OR: [{ id: parentId }, { parentId }] }, select: { authorId: true } });
      participants = thread.map((c) => c.authorId);
    }
    const comment = await tx.reviewComment.create({
      data: {
        reportId,
        authorId: actor.id,
        parentId: parentId ?? null,
        body,
        quote: anchor?.quote ?? "",
        anchorPrefix: anchor?.prefix ?? "",
        anchorSuffix: anchor?.suffix ?? "",
        anchorVersion: anchor ? report.version : null,
      },
      select: { id: true },
    });
    return { comment, report, participants };
  });
  await deliverNotifications([
    {
      kind: "COMMENTED",
      reportId,
      actorId: actor.id,
      message: body.slice(0, 200),
      userIds: [...new Set([...authorAndSubmitter(report), ...participants])],
    },
  ]);
  return comment;
}
