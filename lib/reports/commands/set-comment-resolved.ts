import "server-only";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { CommandError } from "../errors";
import { loadReportFor } from "./load-report";

/** Marks a thread resolved (or open again). */
export async function setCommentResolved(options: {
  actor: SessionUser;
  reportId: string;
  commentId: string;
  resolved: boolean;
}) {
  const { actor, reportId, commentId, resolved } = options;
  await getDb().$transaction(async (tx) => {
    await loadReportFor(tx, actor, reportId, "resolveComment");
    const { count } = await tx.reviewComment.updateMany({
      where: { id: commentId, reportId, parentId: null },
      data: resolved ? { resolvedAt: new Date(), resolvedById: actor.id } : { resolvedAt: null, resolvedById: null },
    });
    if (count !== 1) throw new CommandError("NOT_FOUND", "找不到该评论");
  });
}
