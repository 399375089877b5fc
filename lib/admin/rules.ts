// Who may administer what: site-level actions (committees, accounts) belong to site admins;
// committee-level actions (members, 栏目) also to that committee's managers. Pure, like
// lib/reports/rules/permissions.ts: pages hide links with it and every command asks it again.
import { roleIn, type Actor } from "@/lib/reports/rules/permissions";

export const SITE_ACTIONS = ["manageCommittees", "manageUsers"] as const;
export type SiteAction = (typeof SITE_ACTIONS)[number];

export const COMMITTEE_ACTIONS = ["viewMembers", "manageMembers", "manageColumns", "viewStatistics"] as const;
export type CommitteeAction = (typeof COMMITTEE_ACTIONS)[number];

/** Who may take each site-level action, beyond site admins: nobody today. */
const SITE_ACTION_OPEN_TO_MANAGERS: Record<SiteAction, false> = { manageCommittees: false, manageUsers: false };

export function canAdminSite(actor: Actor, action: SiteAction): boolean {
  return actor.isAdmin || (SITE_ACTION_OPEN_TO_MANAGERS[action] && administersAnything(actor));
}

/**
 * A manager runs their own committee's people and 栏目; nobody else's. Editors and reviewers
 * administer nothing (their work is reports, decided in permissions.ts).
 */
export function canAdminCommittee(actor: Actor, _action: CommitteeAction, committeeId: string): boolean {
  if (actor.isAdmin) return true;
  return roleIn(actor, committeeId) === "MANAGER";
}

/** Committees whose members or 栏目 the person may manage (for navigation); "all" for site admins. */
export function managedCommitteeIds(actor: Actor): "all" | string[] {
  if (actor.isAdmin) return "all";
  return actor.memberships.filter((m) => m.role === "MANAGER").map((m) => m.committeeId);
}

/** Whether the person sees any administration at all. */
export function administersAnything(actor: Actor): boolean {
  const managed = managedCommitteeIds(actor);
  return managed === "all" || managed.length > 0;
}
