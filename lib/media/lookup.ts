import type { MediaLookup } from "@/lib/content/render";
import type { Prisma } from "@/lib/generated/prisma/client";
import { figureMediaIds } from "./usage";
import { parseVariants } from "./variants";

export interface CommitteeMedia {
  /** The committee's Media rows the figures point at, for the renderer (which reads no database). */
  lookup: MediaLookup;
  /** Figure media ids that are not an item of the committee's library (another committee's, deleted, made up). */
  foreign: string[];
}

/**
 * The Media rows a document's figures point at, only those of `committeeId`, each locked
 * `FOR KEY SHARE` until the caller's transaction ends. The lock is what makes "delete a photo
 * no report uses" (deleteMedia, which locks the row `FOR UPDATE` before it looks for users)
 * and "place that photo in a report" exclusive: whichever comes second sees the other's
 * result — the save finds the item gone, or the deletion finds the report using it.
 */
export async function lockCommitteeMedia(tx: Pick<Prisma.TransactionClient, "$queryRaw">, doc: unknown, committeeId: string): Promise<CommitteeMedia> {
  const ids = figureMediaIds(doc);
  if (ids.length === 0) return { lookup: new Map(), foreign: [] };
  const rows = await tx.$queryRaw<Array<{ id: string; width: number | null; height: number | null; variants: unknown }>>`
    SELECT id, width, height, variants FROM "Media"
    WHERE id = ANY(${ids}::text[]) AND "committeeId" = ${committeeId}
    ORDER BY id
    FOR KEY SHARE`;
  const lookup = new Map(rows.map((row) => [row.id, { width: row.width ?? 0, height: row.height ?? 0, variants: parseVariants(row.variants) }]));
  return { lookup, foreign: ids.filter((id) => !lookup.has(id)) };
}
