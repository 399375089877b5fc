// Who may do what to a report: the one place the server asks (DESIGN.md "People and what
// they may do"). Pure: no database, no session; callers pass the facts. The back office
// hides buttons with it and every command asks it again on the server.
import { permissionApplies, TRANSITION_PERMISSIONS, type ReportStatus, type Role, type TransitionPermission } from "./workflow";
import { canSeeCommittee } from "./visibility";

export interface Actor {
  id: string;
  isAdmin: boolean;
  memberships: readonly { committeeId: string; role: Role }[];
}

/** The facts about a report that permissions depend on. */
export interface ReportFacts {
  committeeId: string;
  status: ReportStatus;
  authorId: string;
  lastEditedById: string | null;
  submittedById: string | null;
  /** Everyone who saved text into the working edition since it was last published. */
  editionEditorIds: readonly string[];
  /** A published edition is online (also while a new edition is being drafted). */
  hasLiveEdition: boolean;
}

/** What a person may do to a report: the transitions' permissions and the rest. */
export const REPORT_ACTIONS = ["view", "viewHistory", "edit", "comment", "resolveComment", ...TRANSITION_PERMISSIONS] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];

export type DenialCode =
  | "NOT_FOUND"
  | "NOT_MEMBER"
  | "REVIEWER_REQUIRED"
  | "WRONG_STATE"
  | "TWO_PERSON_RULE"
  | "NOT_SUBMITTER"
  | "NOT_LIVE";

export type Decision = { allowed: true } | { allowed: false; code: DenialCode };

const ALLOW: Decision = { allowed: true };
const deny = (code: DenialCode): Decision => ({ allowed: false, code });

export function roleIn(actor: Actor, committeeId: string): Role | null {
  return actor.memberships.find((m) => m.committeeId === committeeId)?.role ?? null;
}

/** Actions that start a workflow transition: their states come from the table in workflow.ts. */
const TRANSITION_ACTIONS: ReadonlySet<ReportAction> = new Set(TRANSITION_PERMISSIONS);

const REVIEWER_ACTIONS: ReadonlySet<ReportAction> = new Set([
  "requestChanges",
  "approve",
  "schedule",
  "unschedule",
  "unpublish",
]);

export function decide(actor: Actor, action: ReportAction, report: ReportFacts): Decision {
  const role = roleIn(actor, report.committeeId);

  // Outside their committees people learn nothing, not even that the report exists.
  if (!canSeeCommittee(actor, report.committeeId)) return deny("NOT_FOUND");

  if (action === "view" || action === "viewHistory") return ALLOW;

  if (role === null) {
    // A site admin who is not a member may only take down what is online.
    if (action !== "unpublish") return deny("NOT_MEMBER");
    return report.hasLiveEdition ? ALLOW : deny("NOT_LIVE");
  }

  if (REVIEWER_ACTIONS.has(action) && role !== "REVIEWER") return deny("REVIEWER_REQUIRED");

  switch (action) {
    case "edit":
      // Saving changes only a draft; a published report is edited by starting a new edition.
      return report.status === "DRAFT" ? ALLOW : deny("WRONG_STATE");
    case "comment":
    case "resolveComment":
      return report.status === "DRAFT" || report.status === "SUBMITTED" ? ALLOW : deny("WRONG_STATE");
    default:
      break;
  }

  if (TRANSITION_ACTIONS.has(action) && !permissionApplies(action as TransitionPermission, report.status)) {
    return deny("WRONG_STATE");
  }
  if (action === "unpublish" && !report.hasLiveEdition) return deny("NOT_LIVE");
  if (action === "withdraw" && (report.submittedById ?? report.authorId) !== actor.id) {
    return deny("NOT_SUBMITTER");
  }
  if ((action === "approve" || action === "schedule") && wroteThisEdition(actor.id, report)) {
    return deny("TWO_PERSON_RULE");
  }
  return ALLOW;
}

/**
 * The two-person rule: nobody approves their own words. The author of the report, and anyone
 * who saved text into the edition under review, even if someone else saved after them.
 */
export function wroteThisEdition(userId: string, report: Pick<ReportFacts, "authorId" | "lastEditedById" | "editionEditorIds">) {
  return report.authorId === userId || report.lastEditedById === userId || report.editionEditorIds.includes(userId);
}

export function can(actor: Actor, action: ReportAction, report: ReportFacts): boolean {
  return decide(actor, action, report).allowed;
}

/** Any member of a committee, editor or reviewer, may start a report there. */
export function canCreateReport(actor: Actor, committeeId: string): boolean {
  return roleIn(actor, committeeId) !== null;
}
