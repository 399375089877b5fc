// Reads of the administration pages. Pages check permissions with ./rules before calling these.
import "server-only";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/reports/rules/permissions";
import { managedCommitteeIds } from "./rules";

/** Committees the person administers: all for site admins, their managed ones for managers. */
export function listAdministeredCommittees(actor: Actor) {
  const managed = managedCommitteeIds(actor);
  return getDb().committee.findMany({
    where: managed === "all" ? {} : { id: { in: managed } },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { sortOrder: "asc" }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      city: true,
      description: true,
      sortOrder: true,
      archivedAt: true,
      _count: { select: { memberships: true, reports: true } },
      columns: { where: { archivedAt: null }, orderBy: { sortOrder: "asc" }, select: { name: true } },
    },
  });
}

export function getCommittee(committeeId: string) {
  return getDb().committee.findUnique({ where: { id: committeeId }, select: { id: true, slug: true, name: true, archivedAt: true } });
}

export function listMembers(committeeId: string) {
  return getDb().membership.findMany({
    where: { committeeId },
    orderBy: [{ role: "asc" }, { user: { username: "asc" } }],
    select: { role: true, user: { select: { id: true, username: true, displayName: true, isActive: true } } },
  });
}

export function listColumnsForAdmin(committeeId: string) {
  return getDb().column.findMany({
    where: { committeeId },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { sortOrder: "asc" }],
    select: { id: true, name: true, archivedAt: true },
  });
}

/** The 栏目 an editor may pick for a report of the committee. */
export async function columnChoices(committeeId: string): Promise<string[]> {
  const rows = await getDb().column.findMany({ where: { committeeId, archivedAt: null }, orderBy: { sortOrder: "asc" }, select: { name: true } });
  return rows.map((r) => r.name);
}

export function listUsers() {
  return getDb().user.findMany({
    orderBy: [{ isActive: "desc" }, { username: "asc" }],
    select: {
      id: true,
      username: true,
      displayName: true,
      isAdmin: true,
      isActive: true,
      mustChangePassword: true,
      memberships: { select: { role: true, committee: { select: { city: true } } } },
    },
  });
}
