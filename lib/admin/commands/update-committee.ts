import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { announcePublicChange } from "@/lib/public/changes";
import { ALL_PUBLIC } from "@/lib/public/cache-tags";
import { assertSiteAdmin, conflict, notFound, refuse } from "./common";

export const updateCommitteeSchema = z.object({
  committeeId: z.string().min(1).max(64),
  name: z.string().trim().max(100),
  city: z.string().trim().max(50),
  description: z.string().trim().max(2000).default(""),
  sortOrder: z.coerce.number().int().min(-10_000).max(10_000).default(0),
});
export type UpdateCommitteeInput = z.input<typeof updateCommitteeSchema>;

/**
 * Changes a committee's name, city, description or place in the lists. The slug stays: it is
 * in every public URL of the committee. The name is on every page that shows one of its
 * reports, so a change of what the public sees purges every public page.
 */
export async function updateCommittee(options: { actor: SessionUser; input: UpdateCommitteeInput }) {
  const { actor } = options;
  assertSiteAdmin(actor, "manageCommittees");
  const input = updateCommitteeSchema.parse(options.input);
  if (!input.name) throw refuse(t.committees.nameRequired, "name");
  if (!input.city) throw refuse(t.committees.cityRequired, "city");
  return getDb().$transaction(async (tx) => {
    const before = await tx.committee.findUnique({ where: { id: input.committeeId } });
    if (!before) throw notFound(t.committees.notFound);
    if (before.archivedAt) throw conflict(t.committees.isArchived);
    const changes = (["name", "city", "description", "sortOrder"] as const).filter((key) => before[key] !== input[key]);
    if (changes.length === 0) return before;
    const updated = await tx.committee.update({
      where: { id: input.committeeId },
      data: { name: input.name, city: input.city, description: input.description, sortOrder: input.sortOrder },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "committee.update",
      targetType: "Committee",
      targetId: updated.id,
      detail: Object.fromEntries(changes.map((key) => [key, { from: before[key], to: updated[key] }])),
    });
    await announcePublicChange(tx, { reportId: null, tags: [ALL_PUBLIC] });
    return updated;
  });
}
