// The report workflow, declared once as data. This table is what runs: the one write path
// (commands/apply-transition.ts) reads `from`, `to`, the permission, the gates, the event, the
// revision, the notice and the public effect of a transition from here and nowhere else.
//
//           submit             approve (publishAt <= now)
//  DRAFT ───────────▶ SUBMITTED ─────────────────────────▶ PUBLISHED
//    ▲  ◀───────────     │   │   schedule (publishAt > now)    │  ▲
//    │    withdraw       │   └────────────▶ SCHEDULED ─────────┘  │ publishScheduled (time)
//    │                   │ request changes (comment)              │
//    └───────────────────┘                                        │
//  PUBLISHED / UNPUBLISHED ── startNewEdition ──▶ DRAFT → … → PUBLISHED replaces the live edition;
//                                                 the live one stays online the whole time
//  PUBLISHED ── unpublish (reason) ──▶ UNPUBLISHED (public URL answers 410 Gone)
//  a new edition in progress ── unpublishLive ──▶ same state, the live edition goes offline
//  DRAFT / PUBLISHED / UNPUBLISHED ── restore (a revision) ──▶ DRAFT
import type { NotificationKind, RevisionReason, WorkflowAction } from "@/lib/generated/prisma/enums";

export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "SCHEDULED", "PUBLISHED", "UNPUBLISHED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ROLES = ["EDITOR", "REVIEWER", "MANAGER"] as const;
export type Role = (typeof ROLES)[number];

/** The permission actions of permissions.ts that a transition may require. */
export const TRANSITION_PERMISSIONS = [
  "submit",
  "withdraw",
  "requestChanges",
  "approve",
  "schedule",
  "unschedule",
  "unpublish",
  "startNewEdition",
  "restoreRevision",
] as const;
export type TransitionPermission = (typeof TRANSITION_PERMISSIONS)[number];

/** Checks of the report's content that must pass before the transition (rules/gates.ts). */
export type GateName = "hasTitleAndBody" | "proofreadingPasses" | "figuresHaveAltText";

export interface TransitionSpec {
  from: readonly ReportStatus[];
  /** The state after the transition; "same" keeps the state (only the live edition changes). */
  to: ReportStatus | "same";
  /** What permissions.ts must allow; null for the system (the scheduler), never for a person. */
  permission: TransitionPermission | null;
  gates: readonly GateName[];
  /** A comment (reason) the person must give. */
  requiresComment: boolean;
  event: WorkflowAction;
  /** The revision snapshot written after the change. */
  revision: RevisionReason | null;
  /** Whom the notice goes to, after commit. */
  notify: { kind: NotificationKind; to: "reviewers" | "authorAndSubmitter" } | null;
  /** What the public site sees: the working edition goes live, or the live one goes offline. */
  publicEffect: "publish" | "unpublish" | null;
  /**
   * Whether the report's version rises. The version guards the working copy against stale
   * saves; taking the live edition offline leaves the working copy as it was, so an editor
   * drafting a new edition meanwhile keeps saving without a conflict.
   */
  bumpsVersion: boolean;
  /** Key of the action's name in messages.workflow.actions. */
  label: string;
}

const transition = (spec: Omit<TransitionSpec, "gates" | "requiresComment" | "revision" | "notify" | "publicEffect" | "bumpsVersion"> & Partial<TransitionSpec>): TransitionSpec => ({
  gates: [],
  requiresComment: false,
  revision: null,
  notify: null,
  publicEffect: null,
  bumpsVersion: true,
  ...spec,
});

export const TRANSITIONS = {
  submit: transition({
    from: ["DRAFT"], to: "SUBMITTED", permission: "submit", gates: ["hasTitleAndBody"],
    event: "SUBMIT", revision: "SUBMIT", notify: { kind: "SUBMITTED", to: "reviewers" }, label: "submit",
  }),
  withdraw: transition({ from: ["SUBMITTED"], to: "DRAFT", permission: "withdraw", event: "WITHDRAW", label: "withdraw" }),
  requestChanges: transition({
    from: ["SUBMITTED"], to: "DRAFT", permission: "requestChanges", requiresComment: true,
    event: "REQUEST_CHANGES", notify: { kind: "CHANGES_REQUESTED", to: "authorAndSubmitter" }, label: "requestChanges",
  }),
  approve: transition({
    from: ["SUBMITTED"], to: "PUBLISHED", permission: "approve", gates: ["hasTitleAndBody", "figuresHaveAltText", "proofreadingPasses"],
    event: "APPROVE", revision: "PUBLISH", notify: { kind: "PUBLISHED", to: "authorAndSubmitter" }, publicEffect: "publish", label: "approve",
  }),
  schedule: transition({
    from: ["SUBMITTED"], to: "SCHEDULED", permission: "schedule", gates: ["hasTitleAndBody", "figuresHaveAltText", "proofreadingPasses"],
    event: "SCHEDULE", notify: { kind: "SCHEDULED", to: "authorAndSubmitter" }, label: "schedule",
  }),
  unschedule: transition({ from: ["SCHEDULED"], to: "SUBMITTED", permission: "unschedule", event: "UNSCHEDULE", label: "unschedule" }),
  publishScheduled: transition({
    from: ["SCHEDULED"], to: "PUBLISHED", permission: null, event: "PUBLISH", revision: "PUBLISH",
    notify: { kind: "PUBLISHED", to: "authorAndSubmitter" }, publicEffect: "publish", label: "publishScheduled",
  }),
  // UNPUBLISHED never holds a live edition; it is listed so that "a live edition can always be
  // taken down" holds for every state.
  unpublish: transition({
    from: ["PUBLISHED", "UNPUBLISHED"], to: "UNPUBLISHED", permission: "unpublish", requiresComment: true, event: "UNPUBLISH",
    notify: { kind: "UNPUBLISHED", to: "authorAndSubmitter" }, publicEffect: "unpublish", bumpsVersion: false, label: "unpublish",
  }),
  unpublishLive: transition({
    from: ["DRAFT", "SUBMITTED", "SCHEDULED"], to: "same", permission: "unpublish", requiresComment: true, event: "UNPUBLISH",
    notify: { kind: "UNPUBLISHED", to: "authorAndSubmitter" }, publicEffect: "unpublish", bumpsVersion: false, label: "unpublish",
  }),
  startNewEdition: transition({
    from: ["PUBLISHED", "UNPUBLISHED"], to: "DRAFT", permission: "startNewEdition", event: "START_NEW_EDITION", label: "startNewEdition",
  }),
  restore: transition({
    from: ["DRAFT", "PUBLISHED", "UNPUBLISHED"], to: "DRAFT", permission: "restoreRevision", event: "RESTORE", revision: "RESTORE", label: "restore",
  }),
} as const satisfies Record<string, TransitionSpec>;

export type TransitionName = keyof typeof TRANSITIONS;
export const TRANSITION_NAMES = Object.keys(TRANSITIONS) as TransitionName[];

export function canTransition(name: TransitionName, from: ReportStatus): boolean {
  return (TRANSITIONS[name].from as readonly ReportStatus[]).includes(from);
}

/** The state a transition leads to from `from`. */
export function targetOf(name: TransitionName, from: ReportStatus): ReportStatus {
  const to: ReportStatus | "same" = TRANSITIONS[name].to;
  return to === "same" ? from : to;
}

/** Whether any transition that needs `permission` may start in `status`. */
export function permissionApplies(permission: TransitionPermission, status: ReportStatus): boolean {
  return TRANSITION_NAMES.some((name) => TRANSITIONS[name].permission === permission && canTransition(name, status));
}
