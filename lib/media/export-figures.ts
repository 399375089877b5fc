import { buffer } from "node:stream/consumers";
import type { FigureBytes } from "@/lib/content/export/docx";
import type { Db } from "@/lib/db/client";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { withStore } from "./errors";
import type { MediaStore } from "./storage";
import { editorVariant, isVariantKey, parseVariants } from "./variants";

/**
 * Where the .docx export gets a figure's photo: the JPEG rendition the editor shows (960 pixels
 * wide, or the photo's own width when smaller) of an item of the report's committee, read from
 * the media store. A figure whose src is a rendition of ours without a library id (older
 * content) is read by its key; anything else — another committee's item, an outside address —
 * is exported as its caption alone: the export downloads nothing. A store that cannot be
 * reached refuses the export (MediaRefusal, 503) rather than leaving the photos out unnoticed.
 */
export function figureBytesFromLibrary(options: { db: Pick<Db, "media">; store: MediaStore; committeeId: string }): FigureBytes {
  const { db, store, committeeId } = options;
  return async ({ src, mediaId }) => {
    if (mediaId) {
      const row = await db.media.findFirst({ where: { id: mediaId, committeeId }, select: { variants: true, width: true, height: true } });
      const variant = row ? editorVariant(parseVariants(row.variants)) : null;
      if (!variant) return null;
      const object = await withStore(() => store.get(variant.storageKey), t.errors.storeUnavailableExport);
      if (!object) return null;
      return { data: await buffer(object.body), type: "jpg", width: variant.width, height: variant.height };
    }
    const key = src?.startsWith("/media/") ? src.slice("/media/".length) : null;
    if (!key || !isVariantKey(key) || !key.endsWith(".jpg")) return null;
    const object = await withStore(() => store.get(key), t.errors.storeUnavailableExport);
    if (!object) return null;
    // The size is not known without the library row; the exporter keeps 3:2.
    return { data: await buffer(object.body), type: "jpg", width: 0, height: 0 };
  };
}
