import type { Db } from "@/lib/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/reports/rules/permissions";
import { format } from "@/lib/i18n";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { MediaRefusal, withStore } from "../errors";
import { processImage, sha256, type ProcessOptions } from "../process";
import { mayUseMedia } from "../rules";
import type { MediaStore } from "../storage";
import { editorVariant, mediaUrl, parseVariants, type MediaVariant } from "../variants";

export const MAX_ALT = 1000;
export const MAX_CAPTION = 2000;
export const MAX_CREDIT = 500;

export const mediaSelect = {
  id: true,
  committeeId: true,
  storageKey: true,
  contentHash: true,
  mimeType: true,
  bytes: true,
  width: true,
  height: true,
  alt: true,
  caption: true,
  credit: true,
  variants: true,
  createdAt: true,
} satisfies Prisma.MediaSelect;

/** A media item as the editor and the library see it. */
export interface MediaItem {
  id: string;
  committeeId: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  bytes: number;
  mimeType: string;
  /** The rendition the editor shows (`src` of a figure). */
  src: string;
  variants: MediaVariant[];
  createdAt: string;
}

export function toMediaItem(row: Prisma.MediaGetPayload<{ select: typeof mediaSelect }>): MediaItem {
  const variants = parseVariants(row.variants);
  const shown = editorVariant(variants);
  return {
    id: row.id,
    committeeId: row.committeeId,
    width: row.width ?? 0,
    height: row.height ?? 0,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    bytes: row.bytes,
    mimeType: row.mimeType,
    src: mediaUrl(shown?.storageKey ?? row.storageKey),
    variants,
    createdAt: row.createdAt.toISOString(),
  };
}

export function assertMay(actor: Actor, action: "view" | "upload" | "edit" | "delete", committeeId: string): void {
  if (mayUseMedia(actor, action, committeeId)) return;
  // Outside their committees people learn nothing, as with reports.
  if (!mayUseMedia(actor, "view", committeeId)) throw new MediaRefusal("NOT_FOUND", t.errors.notFound, 404);
  throw new MediaRefusal("NOT_MEMBER", t.errors.notMember, 403);
}

/**
 * Stores an uploaded image in a committee's library. Everything that can refuse it (type,
 * size, pixels, damage) runs before anything is written, so a refusal stores nothing. The
 * same bytes uploaded again in the committee give back the existing item; in another
 * committee they get their own row sharing the (content-named) files.
 */
export async function uploadMedia(options: {
  db: Db;
  store: MediaStore;
  actor: Actor;
  committeeId: string;
  bytes: Buffer;
  limits?: ProcessOptions;
}): Promise<{ media: MediaItem; reused: boolean }> {
  const { db, store, actor, committeeId, bytes } = options;
  const committee = await db.committee.findUnique({ where: { id: committeeId }, select: { id: true } });
  if (!committee) throw new MediaRefusal("NO_COMMITTEE", t.errors.noCommittee, 400);
  assertMay(actor, "upload", committeeId);

  // The same bytes were checked and processed when they were first uploaded here.
  const existing = await db.media.findUnique({ where: { committeeId_contentHash: { committeeId, contentHash: sha256(bytes) } }, select: mediaSelect });
  if (existing) return { media: toMediaItem(existing), reused: true };
  const processed = await processImage(bytes, options.limits);

  // Files first, row second: a row never points at missing files. A crash in between leaves
  // content-named files that the next upload of the same image simply overwrites.
  await withStore(
    () =>
      Promise.all(
        processed.variants.map(async (variant) => {
          if (!(await store.exists(variant.storageKey))) await store.put(variant.storageKey, variant.body, variant.mimeType);
        }),
      ),
    t.errors.storeUnavailable,
  );
  const variants: MediaVariant[] = processed.variants.map(({ storageKey, mimeType, width, height, body }) => ({ storageKey, mimeType, width, height, bytes: body.length }));
  const largestJpeg = editorVariant(variants.filter((v) => v.width === Math.max(...variants.map((x) => x.width))))!;
  try {
    const row = await db.media.create({
      data: {
        committeeId,
        uploadedById: "id" in actor ? actor.id : null,
        storageKey: largestJpeg.storageKey,
        contentHash: processed.contentHash,
        mimeType: processed.mimeType,
        bytes: bytes.length,
        width: processed.width,
        height: processed.height,
        variants: variants as unknown as Prisma.InputJsonValue,
      },
      select: mediaSelect,
    });
    return { media: toMediaItem(row), reused: false };
  } catch (error) {
    // Two uploads of the same image at once: the other one won, use its row.
    const winner = await db.media.findUnique({ where: { committeeId_contentHash: { committeeId, contentHash: processed.contentHash } }, select: mediaSelect });
    if (winner) return { media: toMediaItem(winner), reused: true };
    throw error;
  }
}

export interface MediaQuery {
  committeeId: string;
  /** Matches caption, credit or alt text. */
  text?: string;
  /** Upload dates, inclusive, as yyyy-mm-dd (China time). */
  from?: string;
  to?: string;
  take?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A committee's library, newest first, filtered by words in the caption, credit or alt text and by upload date. */
export async function listMedia(db: Db, actor: Actor, query: MediaQuery): Promise<MediaItem[]> {
  assertMay(actor, "view", query.committeeId);
  const text = query.text?.trim();
  const createdAt: Prisma.DateTimeFilter = {};
  if (query.from && DATE.test(query.from)) createdAt.gte = new Date(`${query.from}T00:00:00+08:00`);
  if (query.to && DATE.test(query.to)) createdAt.lt = new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 24 * 3600 * 1000);
  const rows = await db.media.findMany({
    where: {
      committeeId: query.committeeId,
      ...(text
        ? {
            OR: [
              { caption: { contains: text, mode: "insensitive" } },
              { credit: { contains: text, mode: "insensitive" } },
              { alt: { contains: text, mode: "insensitive" } },
            ],
          }
        : {}),
      ...(createdAt.gte || createdAt.lt ? { createdAt } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(query.take ?? 60, 200),
    select: mediaSelect,
  });
  return rows.map(toMediaItem);
}

export async function getMedia(db: Db, actor: Actor, id: string): Promise<MediaItem> {
  const row = await db.media.findUnique({ where: { id }, select: mediaSelect });
  if (!row || !mayUseMedia(actor, "view", row.committeeId)) throw new MediaRefusal("NOT_FOUND", t.errors.notFound, 404);
  return toMediaItem(row);
}

export interface MediaTextInput {
  alt?: string;
  caption?: string;
  credit?: string;
}

/**
 * Edits a library item's alt text, caption and credit (摄影). Figures already placed keep
 * their own texts: a figure's caption belongs to its report (the same photo may be captioned
 * differently in two reports) and a published edition changes only through review, so the
 * library's texts are what the next placement starts from, never a silent edit of reports.
 */
export async function updateMedia(db: Db, actor: Actor, id: string, input: MediaTextInput): Promise<MediaItem> {
  const row = await db.media.findUnique({ where: { id }, select: { committeeId: true } });
  if (!row) throw new MediaRefusal("NOT_FOUND", t.errors.notFound, 404);
  assertMay(actor, "edit", row.committeeId);
  const data: MediaTextInput = {};
  const check = (value: string | undefined, max: number, message: string) => {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (trimmed.length > max) throw new MediaRefusal("INVALID", format(message, { max }), 422);
    return trimmed;
  };
  data.alt = check(input.alt, MAX_ALT, t.errors.altTooLong);
  data.caption = check(input.caption, MAX_CAPTION, t.errors.captionTooLong);
  data.credit = check(input.credit, MAX_CREDIT, t.errors.creditTooLong);
  const updated = await db.media.update({ where: { id }, data, select: mediaSelect });
  return toMediaItem(updated);
}

/**
 * Reports that use a media item: as a figure in the working text or in the edition online,
 * or as the cover. Searched in the JSON itself, so there is no usage table to keep in step.
 */
export async function reportsUsingMedia(db: Pick<Prisma.TransactionClient, "$queryRaw">, mediaId: string): Promise<Array<{ id: string; title: string }>> {
  const pattern = JSON.stringify({ id: mediaId });
  return db.$queryRaw<Array<{ id: string; title: string }>>`
    SELECT r.id, r.title FROM "Report" r
    LEFT JOIN "Revision" live ON live.id = r."liveRevisionId"
    WHERE r."coverImageId" = ${mediaId}
       OR jsonb_path_exists(r.content, '$.** ? (@.type == "figure" && @.attrs.mediaId == $id)', ${pattern}::jsonb)
       OR (live.id IS NOT NULL AND jsonb_path_exists(live.content, '$.** ? (@.type == "figure" && @.attrs.mediaId == $id)', ${pattern}::jsonb))
    ORDER BY r."updatedAt" DESC`;
}

/**
 * Deletes a library item, refused while any report uses it (the refusal names them). The
 * check and the deletion are one transaction that first locks the row `FOR UPDATE`; whatever
 * places the item in a report (saveDraft, import, the cover) locks it `FOR KEY SHARE`
 * (lookup.ts), so a figure placed meanwhile either is seen by the check or finds the item
 * gone. The files go after the commit, unless another committee's item shares them.
 */
export async function deleteMedia(options: { db: Db; store: MediaStore; actor: Actor; id: string }): Promise<void> {
  const { db, store, actor, id } = options;
  const row = await db.media.findUnique({ where: { id }, select: mediaSelect });
  if (!row) throw new MediaRefusal("NOT_FOUND", t.errors.notFound, 404);
  assertMay(actor, "delete", row.committeeId);
  await db.$transaction(async (tx) => {
    if (!(await lockForDelete(tx, id))) throw new MediaRefusal("NOT_FOUND", t.errors.notFound, 404);
    // The deletion and its audit row commit together.
    await tx.media.delete({ where: { id } });
    await recordAudit(tx, { actorId: actor.id, action: "media.delete", targetType: "Media", targetId: id, committeeId: row.committeeId, detail: { caption: row.caption ?? "", contentHash: row.contentHash ?? "" } });
  });
  await deleteFilesUnlessShared(db, store, row);
}

/** Locks the row for deletion and refuses (naming them) while reports use it; false when it is gone. */
async function lockForDelete(tx: Prisma.TransactionClient, id: string): Promise<boolean> {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`SELECT id FROM "Media" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) return false;
  const users = await reportsUsingMedia(tx, id);
  if (users.length > 0) {
    throw new MediaRefusal("IN_USE", format(t.errors.inUse, { titles: users.map((report) => `《${report.title || "（无标题）"}》`).join("、") }), 409);
  }
  return true;
}

async function deleteFilesUnlessShared(db: Db, store: MediaStore, row: { contentHash: string; variants: unknown }): Promise<void> {
  const sharing = row.contentHash ? await db.media.count({ where: { contentHash: row.contentHash } }) : 0;
  if (sharing === 0) {
    await Promise.all(parseVariants(row.variants).map((variant) => store.delete(variant.storageKey)));
  }
}

/**
 * Deletes library items that nobody uses, without an audit row: the photos an import stored
 * for a report it then could not create. Items that meanwhile came into use stay.
 */
export async function discardUnusedMedia(options: { db: Db; store: MediaStore; ids: readonly string[] }): Promise<void> {
  const { db, store, ids } = options;
  for (const id of ids) {
    const row = await db.media.findUnique({ where: { id }, select: { contentHash: true, variants: true } });
    if (!row) continue;
    const deleted = await db
      .$transaction(async (tx) => {
        if (!(await lockForDelete(tx, id))) return false;
        await tx.media.delete({ where: { id } });
        return true;
      })
      .catch((error: unknown) => {
        if (error instanceof MediaRefusal) return false;
        throw error;
      });
    if (deleted) await deleteFilesUnlessShared(db, store, row);
  }
}
