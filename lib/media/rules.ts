// Who may do what with a committee's media. Pure, like rules/permissions.ts, and built on the
// same facts: a committee's members (editors and reviewers) upload, edit and delete its
// media; a site admin sees every committee's library (visibility.ts) but changes none.
import { roleIn, type Actor } from "@/lib/reports/rules/permissions";
import { canSeeCommittee } from "@/lib/reports/rules/visibility";

export type MediaAction = "view" | "upload" | "edit" | "delete";

export function mayUseMedia(actor: Actor, action: MediaAction, committeeId: string): boolean {
  if (action === "view") return canSeeCommittee(actor, committeeId);
  return roleIn(actor, committeeId) !== null;
}

/** Committees whose library the person may add to: their memberships. */
export function uploadCommittees(actor: Actor): string[] {
  return actor.memberships.map((membership) => membership.committeeId);
}
