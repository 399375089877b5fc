// The report workflow, declared once as data (see README "Workflow" and DESIGN.md):
//
//           submit             approve (publishAt <= now)
//  DRAFT ───────────▶ SUBMITTED ─────────────────────────▶ PUBLISHED
//    ▲  ◀───────────     │   │   approve (publishAt > now)     │  ▲
//    │    withdraw       │   └────────────▶ SCHEDULED ─────────┘  │ (time)
//    │                   │ request changes (comment)              │
//    └───────────────────┘                                        │
//  PUBLISHED ── edit ──▶ a new edition DRAFT → … → PUBLISHED; the live one stays online
//  PUBLISHED ── unpublish (reason) ──▶ UNPUBLISHED (public URL answers 410 Gone)
//
// States change only through the commands named here; commands re-check the state inside
// their database write (`update … where status = from`), so a stale click cannot win.

export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "SCHEDULED", "PUBLISHED", "UNPUBLISHED"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const ROLES = ["EDITOR", "REVIEWER"] as const;
export type Role = (typeof ROLES)[number];

/** Transitions between states, each a named command. */
export const TRANSITIONS = {
  submit: { from: ["DRAFT"], to: "SUBMITTED" },
  withdraw: { from: ["SUBMITTED"], to: "DRAFT" },
  requestChanges: { from: ["SUBMITTED"], to: "DRAFT" },
  approve: { from: ["SUBMITTED"], to: "PUBLISHED" },
  schedule: { from: ["SUBMITTED"], to: "SCHEDULED" },
  unschedule: { from: ["SCHEDULED"], to: "SUBMITTED" },
  publishScheduled: { from: ["SCHEDULED"], to: "PUBLISHED" },
  // Allowed whenever a live edition exists (permissions.ts); a new edition in progress keeps
  // its state and only the live one goes offline.
  unpublish: { from: ["PUBLISHED"], to: "UNPUBLISHED" },
  startNewEdition: { from: ["PUBLISHED", "UNPUBLISHED"], to: "DRAFT" },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus }>;

export type TransitionName = keyof typeof TRANSITIONS;

export function canTransition(name: TransitionName, from: ReportStatus): boolean {
  return (TRANSITIONS[name].from as readonly ReportStatus[]).includes(from);
}

