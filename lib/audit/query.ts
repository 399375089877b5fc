import { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** The viewer's filters as they come from the URL; every one optional. */
export const auditFilterSchema = z.object({
  person: z.string().trim().max(100).optional().transform((v) => v || undefined),
  committee: z.string().trim().max(100).optional().transform((v) => v || undefined),
  action: z.string().trim().max(100).optional().transform((v) => v || undefined),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal("").transform(() => undefined)),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal("").transform(() => undefined)),
  /** Keyset cursor: rows with a lower sequence than this */
  before: z.string().regex(/^\d{1,19}$/).optional().or(z.literal("").transform(() => undefined)),
});
export type AuditFilter = { [K in keyof z.infer<typeof auditFilterSchema>]?: string };

/** Reads the search parameters; unknown keys are ignored, a malformed one refuses. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): AuditFilter | null {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(flat);
  return parsed.success ? parsed.data : null;
}

/** A calendar day in China time (the product's only time zone) as an instant. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000+08:00`);
}

/**
 * The WHERE of a filter. A person matches what they did and what was done to their account
 * (failed sign-ins have no actor but name the account as target).
 */
export async function auditWhere(db: PrismaClient, filter: AuditFilter): Promise<Prisma.AuditEventWhereInput> {
  const and: Prisma.AuditEventWhereInput[] = [{ sequence: { not: null } }];
  if (filter.person) {
    const user = await db.user.findUnique({ where: { username: filter.person.toLowerCase() }, select: { id: true } });
    const id = user?.id ?? "\u0000none";
    and.push({ OR: [{ actorId: id }, { targetType: "User", targetId: id }] });
  }
  if (filter.committee) and.push({ committeeId: filter.committee });
  if (filter.action) and.push({ action: filter.action });
  if (filter.from) and.push({ createdAt: { gte: chinaDayStart(filter.from) } });
  if (filter.to) and.push({ createdAt: { lt: new Date(chinaDayStart(filter.to).getTime() + 86_400_000) } });
  return { AND: and };
}

export interface AuditRow {
  id: string;
  sequence: bigint;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string;
  committeeId: string | null;
  committeeName: string | null;
  detail: unknown;
  hash: string;
}

/** One page, newest first, keyset by sequence (no OFFSET: page 10,000 is as fast as page 1). */
export async function listAuditEvents(
  db: PrismaClient,
  filter: AuditFilter,
  limit = 50,
): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  const where = await auditWhere(db, filter);
  if (filter.before) (where.AND as Prisma.AuditEventWhereInput[]).push({ sequence: { lt: BigInt(filter.before) } });
  const events = await db.auditEvent.findMany({ where, orderBy: { sequence: "desc" }, take: limit + 1 });
  const page = events.slice(0, limit);
  const rows = await withNames(db, page);
  return { rows, nextBefore: events.length > limit ? String(page.at(-1)!.sequence) : null };
}

/** Every matching row, newest first, in pages (for the CSV export). */
export async function* allAuditEvents(db: PrismaClient, filter: AuditFilter, pageSize = 1000): AsyncGenerator<AuditRow[]> {
  let before = filter.before;
  for (;;) {
    const { rows, nextBefore } = await listAuditEvents(db, { ...filter, before }, pageSize);
    if (rows.length) yield rows;
    if (!nextBefore) return;
    before = nextBefore;
  }
}

async function withNames(
  db: PrismaClient,
  events: { id: string; sequence: bigint | null; createdAt: Date; actorId: string | null; action: string; targetType: string; targetId: string; committeeId: string | null; detail: unknown; hash: string | null }[],
): Promise<AuditRow[]> {
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => !!id))];
  const committeeIds = [...new Set(events.map((e) => e.committeeId).filter((id): id is string => !!id))];
  const [users, committees] = await Promise.all([
    actorIds.length ? db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, username: true, displayName: true } }) : [],
    committeeIds.length ? db.committee.findMany({ where: { id: { in: committeeIds } }, select: { id: true, name: true } }) : [],
  ]);
  const userName = new Map(users.map((u) => [u.id, `${u.displayName}（${u.username}）`]));
  const committeeName = new Map(committees.map((c) => [c.id, c.name]));
  return events.map((e) => ({
    id: e.id,
    sequence: e.sequence!,
    createdAt: e.createdAt,
    actorId: e.actorId,
    actorName: e.actorId ? (userName.get(e.actorId) ?? e.actorId) : null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    committeeId: e.committeeId,
    committeeName: e.committeeId ? (committeeName.get(e.committeeId) ?? e.committeeId) : null,
    detail: e.detail,
    hash: e.hash ?? "",
  }));
}

/** The actions present in the log, for the filter's choices. */
export async function auditActions(db: PrismaClient): Promise<string[]> {
  // A loose index scan on (action, sequence): one index probe per distinct action, where a
  // GROUP BY would read every row of a log that only grows.
  const rows = await db.$queryRaw<{ action: string }[]>`
    WITH RECURSIVE a AS (
      SELECT min("action") AS action FROM "AuditEvent"
      UNION ALL
      SELECT (SELECT min("action") FROM "AuditEvent" WHERE "action" > a.action) FROM a WHERE a.action IS NOT NULL
    )
    SELECT action FROM a WHERE action IS NOT NULL`;
  return rows.map((r) => r.action);
}
