// Which reports a person may see in the back office: one definition, from which both the
// permission check (decide "view") and the list filter in every query are derived, so that no
// list can show a row the report page would refuse, nor hide one it would show.
import type { Actor } from "./permissions";

/** Every committee (site admins) or the committees the person belongs to. */
export type ViewScope = { all: true } | { all: false; committeeIds: readonly string[] };

export function viewScope(actor: Actor): ViewScope {
  return actor.isAdmin ? { all: true } : { all: false, committeeIds: actor.memberships.map((m) => m.committeeId) };
}

export function canSeeCommittee(actor: Actor, committeeId: string): boolean {
  const scope = viewScope(actor);
  return scope.all || scope.committeeIds.includes(committeeId);
}

/** The same rule as a Prisma `where` fragment for Report (and Committee, by `id`). */
export function visibleReportsWhere(actor: Actor): { committeeId?: { in: string[] } } {
  const scope = viewScope(actor);
  return scope.all ? {} : { committeeId: { in: [...scope.committeeIds] } };
}

export function visibleCommitteesWhere(actor: Actor): { id?: { in: string[] } } {
  const scope = viewScope(actor);
  return scope.all ? {} : { id: { in: [...scope.committeeIds] } };
}
