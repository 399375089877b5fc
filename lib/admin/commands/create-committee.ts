import "server-only";
import { z } from "zod";
import type { SessionUser } from "@/lib/auth/actor";
import { getDb } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { format } from "@/lib/i18n";
import { adminMessages as t } from "@/lib/i18n/admin.zh-CN";
import { assertSiteAdmin, columnNameProblem, conflict, isUniqueViolation, refuse, SLUG_PATTERN } from "./common";

export const createCommitteeSchema = z.object({
  slug: z.string().trim().max(100),
  name: z.string().trim().max(100),
  city: z.string().trim().max(50),
  description: z.string().trim().max(2000).default(""),
  sortOrder: z.coerce.number().int().min(-10_000).max(10_000).default(0),
  /** The committee's 栏目, in order. */
  columns: z.array(z.string().trim().max(200)).max(100).default([]),
});
export type CreateCommitteeInput = z.input<typeof createCommitteeSchema>;

/** A new committee (a tenant) with its 栏目 list, in one transaction. Site admins only. */
export async function createCommittee(options: { actor: SessionUser; input: CreateCommitteeInput }) {
  const { actor } = options;
  assertSiteAdmin(actor, "manageCommittees");
  const input = createCommitteeSchema.parse(options.input);
  if (!SLUG_PATTERN.test(input.slug)) throw refuse(t.committees.slugInvalid, "slug");
  if (!input.name) throw refuse(t.committees.nameRequired, "name");
  if (!input.city) throw refuse(t.committees.cityRequired, "city");
  const columns = [...new Set(input.columns.filter(Boolean))];
  for (const name of columns) {
    const problem = columnNameProblem(name);
    if (problem) throw refuse(`${name}：${problem}`, "columns");
  }

  try {
    return await getDb().$transaction(async (tx) => {
      if (await tx.committee.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
        throw conflict(format(t.committees.slugTaken, { slug: input.slug }));
      }
      const committee = await tx.committee.create({
        data: { slug: input.slug, name: input.name, city: input.city, description: input.description, sortOrder: input.sortOrder },
      });
      if (columns.length) {
        await tx.column.createMany({ data: columns.map((name, i) => ({ committeeId: committee.id, name, sortOrder: i })) });
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "committee.create",
        targetType: "Committee",
        targetId: committee.id,
        detail: { slug: committee.slug, name: committee.name, columns },
      });
      return committee;
    });
  } catch (error) {
    // Two admins creating the same slug at once: the unique index decides, in words.
    if (isUniqueViolation(error)) throw conflict(format(t.committees.slugTaken, { slug: input.slug }));
    throw error;
  }
}
