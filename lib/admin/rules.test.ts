import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/reports/rules/permissions";
import { canCreateReport, decide } from "@/lib/reports/rules/permissions";
import { COMMITTEE_ACTIONS, SITE_ACTIONS, administersAnything, canAdminCommittee, canAdminSite, managedCommitteeIds } from "./rules";

const OWN = "committee-quanzhou";
const OTHER = "committee-xiamen";

const ACTORS: Record<string, Actor> = {
  siteAdmin: { id: "a", isAdmin: true, memberships: [] },
  ownManager: { id: "a", isAdmin: false, memberships: [{ committeeId: OWN, role: "MANAGER" }] },
  otherManager: { id: "a", isAdmin: false, memberships: [{ committeeId: OTHER, role: "MANAGER" }] },
  ownEditor: { id: "a", isAdmin: false, memberships: [{ committeeId: OWN, role: "EDITOR" }] },
  ownReviewer: { id: "a", isAdmin: false, memberships: [{ committeeId: OWN, role: "REVIEWER" }] },
  stranger: { id: "a", isAdmin: false, memberships: [] },
};

/**
 * The rule written out as a table, independent of the implementation: who may take each
 * committee-level action on committee OWN, and each site-level action.
 */
const COMMITTEE_TABLE: Record<string, Record<(typeof COMMITTEE_ACTIONS)[number], boolean>> = {
  siteAdmin: { viewMembers: true, manageMembers: true, manageColumns: true, viewStatistics: true },
  ownManager: { viewMembers: true, manageMembers: true, manageColumns: true, viewStatistics: true },
  otherManager: { viewMembers: false, manageMembers: false, manageColumns: false, viewStatistics: false },
  ownEditor: { viewMembers: false, manageMembers: false, manageColumns: false, viewStatistics: false },
  ownReviewer: { viewMembers: false, manageMembers: false, manageColumns: false, viewStatistics: false },
  stranger: { viewMembers: false, manageMembers: false, manageColumns: false, viewStatistics: false },
};
const SITE_TABLE: Record<string, boolean> = {
  siteAdmin: true,
  ownManager: false,
  otherManager: false,
  ownEditor: false,
  ownReviewer: false,
  stranger: false,
};

describe("administration rules", () => {
  for (const [kind, actor] of Object.entries(ACTORS)) {
    for (const action of COMMITTEE_ACTIONS) {
      it(`${kind} ${COMMITTEE_TABLE[kind]![action] ? "may" : "may not"} ${action} of the committee`, () => {
        expect(canAdminCommittee(actor, action, OWN)).toBe(COMMITTEE_TABLE[kind]![action]);
      });
    }
    for (const action of SITE_ACTIONS) {
      it(`${kind} ${SITE_TABLE[kind] ? "may" : "may not"} ${action}`, () => {
        expect(canAdminSite(actor, action)).toBe(SITE_TABLE[kind]);
      });
    }
  }

  it("lists the committees a person manages, for navigation", () => {
    expect(managedCommitteeIds(ACTORS.siteAdmin!)).toBe("all");
    expect(managedCommitteeIds(ACTORS.ownManager!)).toEqual([OWN]);
    expect(managedCommitteeIds(ACTORS.ownReviewer!)).toEqual([]);
    expect(administersAnything(ACTORS.ownEditor!)).toBe(false);
    expect(administersAnything(ACTORS.otherManager!)).toBe(true);
  });

  it("makes a manager an editor of their committee, not a reviewer", () => {
    const manager = ACTORS.ownManager!;
    expect(canCreateReport(manager, OWN)).toBe(true);
    expect(canCreateReport(manager, OTHER)).toBe(false);
    const facts = {
      committeeId: OWN,
      authorId: "someone-else",
      lastEditedById: null,
      submittedById: "someone-else",
      editionEditorIds: [],
      hasLiveEdition: false,
    };
    expect(decide(manager, "edit", { ...facts, status: "DRAFT" })).toEqual({ allowed: true });
    expect(decide(manager, "submit", { ...facts, status: "DRAFT" })).toEqual({ allowed: true });
    expect(decide(manager, "approve", { ...facts, status: "SUBMITTED" })).toEqual({ allowed: false, code: "REVIEWER_REQUIRED" });
    expect(decide(manager, "view", { ...facts, committeeId: OTHER, status: "DRAFT" })).toEqual({ allowed: false, code: "NOT_FOUND" });
  });
});
