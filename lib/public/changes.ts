// How a change to what the public sees travels to every app instance: the one write path
// (lib/reports/commands/apply-transition.ts) announces it inside its transaction, naming the
// cache tags it touches; PostgreSQL delivers the notification to every listener when, and only
// if, the transaction commits (./refresh-on-change.ts).
import type { Prisma } from "@/lib/generated/prisma/client";
import { tagsForChange } from "./cache-tags";

export const PUBLIC_CHANGES_CHANNEL = "cms_public_changes";

/** What a notification carries. `tags: null` means "anything may have changed". */
export interface PublicChange {
  reportId: string | null;
  tags: string[] | null;
}

/**
 * The tags a change to this report touches, read inside the transaction before the change:
 * its committee, the 栏目 of the edition now live and of the edition being published.
 */
export async function publicTagsOf(tx: Prisma.TransactionClient, reportId: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ slug: string; working: string; live: string | null }[]>`
    SELECT c.slug, r."column" AS working, v."column" AS live
    FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId" LEFT JOIN "Revision" v ON v.id = r."liveRevisionId"
    WHERE r.id = ${reportId}`;
  const row = rows[0];
  if (!row) return [];
  return tagsForChange({ reportId, committeeSlug: row.slug, columns: [row.working, row.live ?? ""] });
}

export async function announcePublicChange(tx: Prisma.TransactionClient, change: { reportId: string | null; tags: string[] }): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${PUBLIC_CHANGES_CHANNEL}, ${JSON.stringify(change)})`;
}

/** A notification's payload as sent by announcePublicChange; anything else counts as "everything". */
export function parsePublicChange(payload: string | null): PublicChange {
  try {
    const parsed = JSON.parse(payload ?? "") as { reportId?: unknown; tags?: unknown };
    const tags = Array.isArray(parsed.tags) && parsed.tags.every((tag) => typeof tag === "string") ? (parsed.tags as string[]) : null;
    return { reportId: typeof parsed.reportId === "string" ? parsed.reportId : null, tags };
  } catch {
    return { reportId: null, tags: null };
  }
}
