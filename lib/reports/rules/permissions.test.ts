import { describe, expect, it } from "vitest";
import { REPORT_STATUSES, type ReportStatus } from "./workflow";
import {
  REPORT_ACTIONS,
  canCreateReport,
  decide,
  type Actor,
  type ReportAction,
  type ReportFacts,
} from "./permissions";
import { visibleReportsWhere } from "./visibility";

const OWN = "committee-xiamen";
const OTHER = "committee-fuzhou";

type ActorKind = "ownEditor" | "ownReviewer" | "ownManager" | "otherEditor" | "otherReviewer" | "otherManager" | "admin" | "stranger";
const ACTOR_KINDS: ActorKind[] = ["ownEditor", "ownReviewer", "ownManager", "otherEditor", "otherReviewer", "otherManager", "admin", "stranger"];

function actorOf(kind: ActorKind): Actor {
  const id = "actor";
  switch (kind) {
    case "ownEditor":
      return { id, isAdmin: false, memberships: [{ committeeId: OWN, role: "EDITOR" }] };
    case "ownReviewer":
      return { id, isAdmin: false, memberships: [{ committeeId: OWN, role: "REVIEWER" }] };
    case "ownManager":
      return { id, isAdmin: false, memberships: [{ committeeId: OWN, role: "MANAGER" }] };
    case "otherManager":
      return { id, isAdmin: false, memberships: [{ committeeId: OTHER, role: "MANAGER" }] };
    case "otherEditor":
      return { id, isAdmin: false, memberships: [{ committeeId: OTHER, role: "EDITOR" }] };
    case "otherReviewer":
      return { id, isAdmin: false, memberships: [{ committeeId: OTHER, role: "REVIEWER" }] };
    case "admin":
      return { id, isAdmin: true, memberships: [] };
    case "stranger":
      return { id, isAdmin: false, memberships: [] };
  }
}

/**
 * The rules of DESIGN.md written out as a table, independent of the implementation:
 * for each action, the statuses in which an own-committee editor / reviewer may do it.
 * "E" = editor and reviewer, "R" = reviewer only, "-" = nobody.
 */
const TABLE: Record<ReportAction, Record<ReportStatus, "E" | "R" | "-">> = {
  view:            { DRAFT: "E", SUBMITTED: "E", SCHEDULED: "E", PUBLISHED: "E", UNPUBLISHED: "E" },
  viewHistory:     { DRAFT: "E", SUBMITTED: "E", SCHEDULED: "E", PUBLISHED: "E", UNPUBLISHED: "E" },
  edit:            { DRAFT: "E", SUBMITTED: "-", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
  restoreRevision: { DRAFT: "E", SUBMITTED: "-", SCHEDULED: "-", PUBLISHED: "E", UNPUBLISHED: "E" },
  startNewEdition: { DRAFT: "-", SUBMITTED: "-", SCHEDULED: "-", PUBLISHED: "E", UNPUBLISHED: "E" },
  submit:          { DRAFT: "E", SUBMITTED: "-", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
  withdraw:        { DRAFT: "-", SUBMITTED: "E", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
  requestChanges:  { DRAFT: "-", SUBMITTED: "R", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
  approve:         { DRAFT: "-", SUBMITTED: "R", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
  schedule:        { DRAFT: "-", SUBMITTED: "R", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
  unschedule:      { DRAFT: "-", SUBMITTED: "-", SCHEDULED: "R", PUBLISHED: "-", UNPUBLISHED: "-" },
  unpublish:       { DRAFT: "R", SUBMITTED: "R", SCHEDULED: "R", PUBLISHED: "R", UNPUBLISHED: "R" },
  comment:         { DRAFT: "E", SUBMITTED: "E", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
  resolveComment:  { DRAFT: "E", SUBMITTED: "E", SCHEDULED: "-", PUBLISHED: "-", UNPUBLISHED: "-" },
};

function expected(kind: ActorKind, action: ReportAction, report: ReportFacts, actorId: string): boolean {
  // A committee's manager writes there as an editor (README "Administration"), and reviews nothing.
  if (kind === "stranger" || kind === "otherEditor" || kind === "otherReviewer" || kind === "otherManager") return false;
  if (kind === "admin") {
    return action === "view" || action === "viewHistory" || (action === "unpublish" && report.hasLiveEdition);
  }
  const cell = TABLE[action][report.status];
  if (cell === "-" || (cell === "R" && kind !== "ownReviewer")) return false;
  if (action === "unpublish" && !report.hasLiveEdition) return false;
  if (action === "withdraw" && (report.submittedById ?? report.authorId) !== actorId) return false;
  if ((action === "approve" || action === "schedule") &&
      (report.authorId === actorId || report.lastEditedById === actorId || report.editionEditorIds.includes(actorId))) return false;
  return true;
}

describe("decide: every role × committee × state × action", () => {
  const bools = [true, false];
  let cases = 0;
  for (const kind of ACTOR_KINDS)
    for (const action of REPORT_ACTIONS) {
      it(`${kind} / ${action}: matches the table in every state and authorship`, () => {
        const mismatches: string[] = [];
        for (const status of REPORT_STATUSES)
          for (const isAuthor of bools)
            for (const isLastEditor of bools)
              for (const wroteEarlier of bools)
              for (const submitter of ["actor", "someone-else", null] as const)
                for (const hasLiveEdition of bools) {
                  cases += 1;
                  const report: ReportFacts = {
                    committeeId: OWN,
                    status,
                    authorId: isAuthor ? "actor" : "author",
                    lastEditedById: isLastEditor ? "actor" : "other-editor",
                    submittedById: submitter,
                    editionEditorIds: wroteEarlier ? ["other-editor", "actor"] : ["other-editor"],
                    hasLiveEdition,
                  };
                  const want = expected(kind, action, report, "actor");
                  if (decide(actorOf(kind), action, report).allowed !== want) {
                    mismatches.push(`${status} author=${isAuthor} lastEditor=${isLastEditor} wroteEarlier=${wroteEarlier} submitter=${submitter} live=${hasLiveEdition}: want ${want}`);
                  }
                }
        expect(mismatches).toEqual([]);
      });
    }
  it("covered the whole space", () => {
    expect(cases).toBe(ACTOR_KINDS.length * REPORT_ACTIONS.length * REPORT_STATUSES.length * 2 * 2 * 2 * 3 * 2);
  });
});

describe("decide: reasons", () => {
  const base: ReportFacts = {
    committeeId: OWN,
    status: "SUBMITTED",
    authorId: "author",
    lastEditedById: "author",
    submittedById: "author",
    editionEditorIds: ["author"],
    hasLiveEdition: false,
  };
  it("hides reports of other committees as not found, so ids reveal nothing", () => {
    expect(decide(actorOf("otherReviewer"), "view", base)).toEqual({ allowed: false, code: "NOT_FOUND" });
    expect(decide(actorOf("stranger"), "approve", base)).toEqual({ allowed: false, code: "NOT_FOUND" });
  });
  it("tells an editor that approving needs a reviewer", () => {
    expect(decide(actorOf("ownEditor"), "approve", base)).toEqual({ allowed: false, code: "REVIEWER_REQUIRED" });
  });
  it("applies the two-person rule to the author and to the last editor", () => {
    const reviewer = actorOf("ownReviewer");
    expect(decide(reviewer, "approve", { ...base, authorId: reviewer.id })).toEqual({
      allowed: false,
      code: "TWO_PERSON_RULE",
    });
    expect(decide(reviewer, "schedule", { ...base, lastEditedById: reviewer.id })).toEqual({
      allowed: false,
      code: "TWO_PERSON_RULE",
    });
    expect(decide(reviewer, "approve", base)).toEqual({ allowed: true });
  });
  it("applies it to anyone who saved text into this edition, even if someone saved after them", () => {
    const reviewer = actorOf("ownReviewer");
    const edited = { ...base, lastEditedById: "author", editionEditorIds: ["author", reviewer.id] };
    expect(decide(reviewer, "approve", edited)).toEqual({ allowed: false, code: "TWO_PERSON_RULE" });
  });
  it("refuses a transition from the wrong state with WRONG_STATE", () => {
    expect(decide(actorOf("ownReviewer"), "approve", { ...base, status: "DRAFT" })).toEqual({
      allowed: false,
      code: "WRONG_STATE",
    });
  });
  it("lets only the submitter withdraw", () => {
    expect(decide(actorOf("ownEditor"), "withdraw", base)).toEqual({ allowed: false, code: "NOT_SUBMITTER" });
  });
  it("lets an admin take down only what is online", () => {
    expect(decide(actorOf("admin"), "unpublish", { ...base, status: "PUBLISHED" })).toEqual({
      allowed: false,
      code: "NOT_LIVE",
    });
    expect(decide(actorOf("admin"), "edit", { ...base, status: "DRAFT" })).toEqual({
      allowed: false,
      code: "NOT_MEMBER",
    });
  });
});

describe("one account, different roles per committee", () => {
  const multi: Actor = {
    id: "multi",
    isAdmin: false,
    memberships: [
      { committeeId: "xiamen", role: "EDITOR" },
      { committeeId: "zhangzhou", role: "REVIEWER" },
    ],
  };
  const submitted = (committeeId: string): ReportFacts => ({
    committeeId,
    status: "SUBMITTED",
    authorId: "someone",
    lastEditedById: "someone",
    submittedById: "someone",
    editionEditorIds: ["someone"],
    hasLiveEdition: false,
  });
  it("approves in the committee where they review, not where they edit", () => {
    expect(decide(multi, "approve", submitted("zhangzhou")).allowed).toBe(true);
    expect(decide(multi, "approve", submitted("xiamen"))).toEqual({ allowed: false, code: "REVIEWER_REQUIRED" });
  });
  it("creates reports in both committees and nowhere else", () => {
    expect(canCreateReport(multi, "xiamen")).toBe(true);
    expect(canCreateReport(multi, "zhangzhou")).toBe(true);
    expect(canCreateReport(multi, "fuzhou")).toBe(false);
  });
  it("sees only the reports of their committees", () => {
    expect(visibleReportsWhere(multi)).toEqual({ committeeId: { in: ["xiamen", "zhangzhou"] } });
    expect(visibleReportsWhere(actorOf("admin"))).toEqual({});
    expect(visibleReportsWhere(actorOf("stranger"))).toEqual({ committeeId: { in: [] } });
  });
});
