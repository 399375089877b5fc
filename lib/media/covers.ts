import type { Db } from "@/lib/db/client";
import { mediaUrl, parseVariants } from "./variants";

/** A report's cover as public pages use it: a small rendition for lists, a large one for og:image. */
export interface ReportCover {
  /** ~480 px JPEG, for lists */
  thumbSrc: string;
  thumbWidth: number;
  thumbHeight: number;
  /** The largest JPEG (≤1600 px), for OpenGraph */
  largeSrc: string;
  largeWidth: number;
  largeHeight: number;
  alt: string;
}

/** Covers by Media id; ids without a usable row are absent. */
export async function loadCovers(db: Pick<Db, "media">, ids: ReadonlyArray<string | null | undefined>): Promise<Map<string, ReportCover>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== ""))];
  if (wanted.length === 0) return new Map();
  const rows = await db.media.findMany({ where: { id: { in: wanted } }, select: { id: true, alt: true, caption: true, variants: true } });
  const covers = new Map<string, ReportCover>();
  for (const row of rows) {
    const jpegs = parseVariants(row.variants)
      .filter((variant) => variant.mimeType === "image/jpeg")
      .sort((a, b) => a.width - b.width);
    if (jpegs.length === 0) continue;
    const thumb = jpegs[0]!;
    const large = jpegs[jpegs.length - 1]!;
    covers.set(row.id, {
      thumbSrc: mediaUrl(thumb.storageKey),
      thumbWidth: thumb.width,
      thumbHeight: thumb.height,
      largeSrc: mediaUrl(large.storageKey),
      largeWidth: large.width,
      largeHeight: large.height,
      alt: row.alt || row.caption,
    });
  }
  return covers;
}
