import type { MediaLookup } from "@/lib/content/render";
import type { Db } from "@/lib/db/client";
import { figureMediaIds } from "./usage";
import { parseVariants } from "./variants";

/**
 * The Media rows a document's figures point at, for the renderer (which is pure and does
 * not read the database). Unknown ids are simply absent: those figures keep a plain <img>.
 */
export async function loadMediaLookup(db: Pick<Db, "media">, doc: unknown): Promise<MediaLookup> {
  const ids = figureMediaIds(doc);
  if (ids.length === 0) return new Map();
  const rows = await db.media.findMany({ where: { id: { in: ids } }, select: { id: true, width: true, height: true, variants: true } });
  return new Map(rows.map((row) => [row.id, { width: row.width ?? 0, height: row.height ?? 0, variants: parseVariants(row.variants) }]));
}
