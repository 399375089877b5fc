// Who may do what to a report: the one place the server asks (DESIGN.md "People and what
// they may do"). Pure: no database, no session; callers pass the facts. The back office
// hides buttons with it and every command asks it again on the server.
import { canTransition, type ReportStatus, type Role, type TransitionName } from "./workflow";

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
  /** A published edition is online (also while a new edition is being drafted). */
  hasLiveEdition: boolean;
}

export const REPORT_ACTIONS = [
  "view",
  "viewHistory",
  "edit",
  "restoreRevision",
  "submit",
  "withdraw",
  "requestChanges",
  "approve",
  "schedule",
  "unschedule",
  "unpublish",
  "comment",
  "resolveComment",
] as const;
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

/** Which transition an action performs, for the state check. */
const ACTION_TRANSITION: Partial<Record<ReportAction, TransitionName>> = {
  submit: "submit",
  withdraw: "withdraw",
  requestChanges: "requestChanges",
  approve: "approve",
  schedule: "schedule",
  unschedule: "unschedule",
};

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
  if (role === null && !actor.isAdmin) return deny("NOT_FOUND");

  if (action === "view" || action === "viewHistory") return ALLOW;

  if (role === null) {
    // A site admin who is not a member may only take down what is online.
    if (action !== "unpublish") return deny("NOT_MEMBER");
    return report.hasLiveEdition ? ALLOW : deny("NOT_LIVE");
  }

  if (REVIEWER_ACTIONS.has(action) && role !== "REVIEWER") return deny("REVIEWER_REQUIRED");

  switch (action) {
    case "edit":
    case "restoreRevision":
      // A published or unpublished report is edited by starting a new edition.
      return ["DRAFT", "PUBLISHED", "UNPUBLISHED"].includes(report.status) ? ALLOW : deny("WRONG_STATE");
    case "comment":
    case "resolveComment":
      return report.status === "DRAFT" || report.status === "SUBMITTED" ? ALLOW : deny("WRONG_STATE");
    case "unpublish":
      return report.hasLiveEdition ? ALLOW : deny("NOT_LIVE");
    default:
      break;
  }

  const transition = ACTION_TRANSITION[action];
  if (transition && !canTransition(transition, report.status)) return deny("WRONG_STATE");

  if (action === "withdraw" && (report.submittedById ?? report.authorId) !== actor.id) {
    return deny("NOT_SUBMITTER");
  }
  // Two-person rule: nobody approves their own words.
  if ((action === "approve" || action === "schedule") &&
      (report.authorId === actor.id || report.lastEditedById === actor.id)) {
    return deny("TWO_PERSON_RULE");
  }
  return ALLOW;
}

export function can(actor: Actor, action: ReportAction, report: ReportFacts): boolean {
  return decide(actor, action, report).allowed;
}

/** Any member of a committee, editor or reviewer, may start a report there. */
export function canCreateReport(actor: Actor, committeeId: string): boolean {
  return roleIn(actor, committeeId) !== null;
}

/**
 * The reports an actor may see in the back office, as a Prisma `where` fragment; lists are
 * filtered by it in the query so that no page can leak a row it would then hide.
 */
export function visibleReportsWhere(actor: Actor): { committeeId?: { in: string[] } } {
  if (actor.isAdmin) return {};
  return { committeeId: { in: actor.memberships.map((m) => m.committeeId) } };
}
