import type { Db } from "@/lib/db/client";
import { decide } from "@/lib/reports/rules/permissions";
import type { Actor } from "@/lib/reports/rules/permissions";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { messages } from "@/lib/i18n";
import { denied } from "@/lib/reports/errors";
import { MediaRefusal } from "../errors";
import { lockCommitteeMedia } from "../lookup";
import { mediaSelect, toMediaItem, type MediaItem } from "./media";

/**
 * Sets (or, with null, removes) a report's cover image: someone who may edit the report, with
 * an image of the report's own committee. Like the text, the cover reaches the public site
 * with the next published edition (revisions copy coverImageId). The version is left alone:
 * the cover is not part of the autosaved form, so it must not turn the next save into a conflict.
 */
export async function setReportCover(options: { db: Db; actor: Actor; reportId: string; mediaId: string | null }): Promise<MediaItem | null> {
  const { db, actor, reportId, mediaId } = options;
  const report = await db.report.findUnique({
    where: { id: reportId },
    select: { committeeId: true, status: true, authorId: true, lastEditedById: true, submittedById: true, editionEditorIds: true, liveRevisionId: true },
  });
  if (!report) throw new MediaRefusal("NOT_FOUND", messages.permission.NOT_FOUND, 404);
  const decision = decide(actor, "edit", { ...report, hasLiveEdition: report.liveRevisionId !== null });
  if (!decision.allowed) {
    const status = decision.code === "NOT_FOUND" ? 404 : decision.code === "WRONG_STATE" ? 409 : 403;
    throw new MediaRefusal(decision.code, denied(decision.code, report.status).message, status);
  }
  return db.$transaction(async (tx) => {
    let media: MediaItem | null = null;
    if (mediaId) {
      // Locked like a figure's photo (lookup.ts), so a deletion running meanwhile cannot slip in.
      const { foreign } = await lockCommitteeMedia(tx, { type: "figure", attrs: { mediaId } }, report.committeeId);
      const row = foreign.length === 0 ? await tx.media.findUnique({ where: { id: mediaId }, select: mediaSelect }) : null;
      if (!row) throw new MediaRefusal("INVALID", t.cover.notInCommittee, 422);
      media = toMediaItem(row);
    }
    await tx.report.update({ where: { id: reportId }, data: { coverImageId: mediaId } });
    return media;
  });
}
