// One rule for who sees what in the back office: the list filter every query uses
// (visibleReportsWhere) and the permission check of the report page (decide "view") come from
// one definition. This proves they agree, against a real PostgreSQL, for generated actors and
// reports across committees, states and authors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { Actor } from "@/lib/reports/rules/permissions";
import { decide } from "@/lib/reports/rules/permissions";
import { visibleReportsWhere } from "@/lib/reports/rules/visibility";
import { REPORT_STATUSES, ROLES } from "@/lib/reports/rules/workflow";
import { freshDatabase } from "../support/test-database";

let db: Db;
let committees: string[];
let users: string[];

/** A small deterministic generator, so a failure names a case that can be run again. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  committees = [];
  for (const slug of ["zhuzhou", "fuzhou", "xiamen", "zhangzhou", "quanzhou"]) {
    committees.push((await db.committee.create({ data: { slug, name: `${slug}工委`, city: slug } })).id);
  }
  users = [];
  for (let i = 0; i < 6; i++) users.push((await db.user.create({ data: { username: `u${i}`, displayName: `u${i}`, passwordHash: "x" } })).id);
  const random = generator(7);
  for (let i = 0; i < 120; i++) {
    const status = REPORT_STATUSES[Math.floor(random() * REPORT_STATUSES.length)]!;
    await db.report.create({
      data: {
        committeeId: committees[Math.floor(random() * committees.length)]!,
        authorId: users[Math.floor(random() * users.length)]!,
        title: `稿件 ${i}`,
        status,
        content: { type: "doc", content: [] },
      },
    });
  }
});
afterAll(() => db?.$disconnect());

describe("back-office visibility", () => {
  it("lists exactly the reports the report page would show, for 200 generated actors", async () => {
    const reports = await db.report.findMany({ select: { id: true, committeeId: true, status: true, authorId: true, lastEditedById: true, submittedById: true, editionEditorIds: true, liveRevisionId: true } });
    const random = generator(11);
    let compared = 0;
    for (let i = 0; i < 200; i++) {
      const actor: Actor = {
        id: users[Math.floor(random() * users.length)]!,
        isAdmin: random() < 0.1,
        memberships: committees.filter(() => random() < 0.35).map((committeeId) => ({ committeeId, role: ROLES[Math.floor(random() * ROLES.length)]! })),
      };
      const listed = (await db.report.findMany({ where: visibleReportsWhere(actor), select: { id: true } })).map((r) => r.id).sort();
      const viewable = reports.filter((r) => decide(actor, "view", { ...r, hasLiveEdition: r.liveRevisionId !== null }).allowed).map((r) => r.id).sort();
      expect(listed, JSON.stringify(actor)).toEqual(viewable);
      compared += reports.length;
    }
    expect(compared).toBe(200 * 120);
  });
});
