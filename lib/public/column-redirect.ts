// A renamed 栏目's old URL: /columns/<old name> answers 308 to the new name, once no published
// report is filed under the old name any more (another committee may still use that name).
import "server-only";
import { getPublicDb } from "@/lib/db/public-db";

/** The name an old 栏目 URL leads to, or null when there is no rename to follow. */
export async function renamedColumnTarget(oldName: string): Promise<string | null> {
  const aliases = await getPublicDb().columnAlias.findMany({ where: { oldName }, select: { newName: true }, orderBy: { createdAt: "desc" } });
  const targets = [...new Set(aliases.map((a) => a.newName))];
  // Renamed differently by two committees: no single answer, so no redirect.
  return targets.length === 1 ? targets[0]! : null;
}
