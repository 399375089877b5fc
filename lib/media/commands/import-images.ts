import type { Db } from "@/lib/db/client";
import type { StoreImage } from "@/lib/content/import";
import type { TiptapDoc } from "@/lib/content/validate";
import type { Actor } from "@/lib/reports/rules/permissions";
import { MediaRefusal } from "../errors";
import { inspectImage, type ProcessOptions } from "../process";
import type { MediaStore } from "../storage";
import { discardUnusedMedia, uploadMedia } from "./media";

export interface ImportImageStore {
  /** For importFile: each photo of the document goes through the same checks as an upload. */
  storeImage: StoreImage;
  /** Ids of the library items this import added (not those it found already there). */
  readonly created: readonly string[];
  /**
   * Gives the items this import placed the caption, credit (摄影) and alt text of their figure,
   * where the item has none yet (an item already in the library keeps its own texts).
   */
  describe(content: TiptapDoc): Promise<void>;
  /** Removes the items this import added, when the report could not be created after all. */
  discard(): Promise<void>;
}

/**
 * The photos of an imported document stored in `committeeId`'s library, as `actor` uploading
 * them: the limits and bad-input refusals of uploads (size, pixels — a decompression bomb —,
 * type by content, damage) apply to each photo; a refused photo stores nothing and comes back
 * as its reason, so the importer keeps its figure waiting for a photo with a warning.
 *
 * Only the import that creates the draft stores photos; the preview does not call this (see
 * lib/reports/import-request.ts).
 */
export function importImageStore(options: { db: Db; store: MediaStore; actor: Actor; committeeId: string; limits?: ProcessOptions }): ImportImageStore {
  const { db, store, actor, committeeId } = options;
  const created: string[] = [];
  const placed = new Set<string>();
  return {
    created,
    async storeImage(bytes) {
      try {
        const { media, reused } = await uploadMedia({ db, store, actor, committeeId, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits: options.limits });
        if (!reused) created.push(media.id);
        placed.add(media.id);
        return { mediaId: media.id, src: media.src };
      } catch (error) {
        if (error instanceof MediaRefusal) return { refused: error.message };
        throw error;
      }
    },
    async describe(content) {
      const texts = new Map<string, { alt: string; caption: string; credit: string }>();
      const walk = (node: TiptapDoc) => {
        const attrs = node.attrs ?? {};
        if (node.type === "figure" && typeof attrs.mediaId === "string" && placed.has(attrs.mediaId) && !texts.has(attrs.mediaId)) {
          texts.set(attrs.mediaId, { alt: String(attrs.alt ?? ""), caption: String(attrs.caption ?? ""), credit: String(attrs.credit ?? "") });
        }
        for (const child of node.content ?? []) walk(child);
      };
      walk(content);
      for (const [id, text] of texts) {
        const row = await db.media.findUnique({ where: { id }, select: { alt: true, caption: true, credit: true } });
        if (!row) continue;
        const data = Object.fromEntries((["alt", "caption", "credit"] as const).filter((key) => row[key] === "" && text[key] !== "").map((key) => [key, text[key]]));
        if (Object.keys(data).length > 0) await db.media.update({ where: { id }, data });
      }
    },
    discard: () => discardUnusedMedia({ db, store, ids: created }),
  };
}

/**
 * For the import preview: each photo gets the checks of an upload that need no decoding (size,
 * type by content, declared pixels), so the preview already warns about the photos that would
 * be refused, and nothing is stored — a preview that is never confirmed leaves no trace.
 */
export function previewImageCheck(limits?: ProcessOptions): StoreImage {
  return async (bytes) => {
    try {
      await inspectImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
      return { deferred: true };
    } catch (error) {
      if (error instanceof MediaRefusal) return { refused: error.message };
      throw error;
    }
  };
}
