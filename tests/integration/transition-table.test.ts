// Walks the workflow table against a real PostgreSQL: every transition, from every state it
// declares, through the product's own commands (which all run the one write path). The
// expectations are written out here from DESIGN.md, independently of lib/reports/rules/workflow.ts,
// so a scrambled table — a `to`, an event, a revision or a notice swapped — fails this test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import type { ReportStatus, TransitionName } from "@/lib/reports/rules/workflow";
import { createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let workflow: typeof import("@/lib/reports/rules/workflow");
let cmd: Commands;

/** The workflow of DESIGN.md, written out: "same" keeps the state, only the live edition changes. */
const EXPECTED: Record<TransitionName, {
  from: ReportStatus[];
  to: ReportStatus | "same";
  event: string;
  revision: string | null;
  notice: string | null;
  live: "published" | "offline" | "unchanged";
}> = {
  submit: { from: ["DRAFT"], to: "SUBMITTED", event: "SUBMIT", revision: "SUBMIT", notice: "SUBMITTED", live: "unchanged" },
  withdraw: { from: ["SUBMITTED"], to: "DRAFT", event: "WITHDRAW", revision: null, notice: null, live: "unchanged" },
  requestChanges: { from: ["SUBMITTED"], to: "DRAFT", event: "REQUEST_CHANGES", revision: null, notice: "CHANGES_REQUESTED", live: "unchanged" },
  approve: { from: ["SUBMITTED"], to: "PUBLISHED", event: "APPROVE", revision: "PUBLISH", notice: "PUBLISHED", live: "published" },
  schedule: { from: ["SUBMITTED"], to: "SCHEDULED", event: "SCHEDULE", revision: null, notice: "SCHEDULED", live: "unchanged" },
  unschedule: { from: ["SCHEDULED"], to: "SUBMITTED", event: "UNSCHEDULE", revision: null, notice: null, live: "unchanged" },
  publishScheduled: { from: ["SCHEDULED"], to: "PUBLISHED", event: "PUBLISH", revision: "PUBLISH", notice: "PUBLISHED", live: "published" },
  unpublish: { from: ["PUBLISHED", "UNPUBLISHED"], to: "UNPUBLISHED", event: "UNPUBLISH", revision: null, notice: "UNPUBLISHED", live: "offline" },
  unpublishLive: { from: ["DRAFT", "SUBMITTED", "SCHEDULED"], to: "same", event: "UNPUBLISH", revision: null, notice: "UNPUBLISHED", live: "offline" },
  startNewEdition: { from: ["PUBLISHED", "UNPUBLISHED"], to: "DRAFT", event: "START_NEW_EDITION", revision: null, notice: null, live: "unchanged" },
  restore: { from: ["DRAFT", "PUBLISHED", "UNPUBLISHED"], to: "DRAFT", event: "RESTORE", revision: "RESTORE", notice: null, live: "unchanged" },
};

const FUTURE = () => new Date(Date.now() + 3600_000);

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  workflow = await import("@/lib/reports/rules/workflow");
  cmd = await loadCommands();
});
afterAll(() => db.$disconnect());

const editor = () => people.xmEditor;
const reviewer = () => people.xmReviewer;
const report = (id: string) => db.report.findUniqueOrThrow({ where: { id } });

/** A report of 厦门 brought to `status` through the commands; `withLive` keeps a published edition online. */
async function reportIn(status: ReportStatus, withLive: boolean): Promise<string> {
  const { id } = await cmd.createReport({ actor: editor(), committeeId: xiamenId, fields: { title: "状态测试" } });
  const save = async (text: string) => {
    const { version } = await report(id);
    await cmd.saveDraft({ actor: editor(), reportId: id, input: { expectedVersion: version, fields: { title: "状态测试" }, content: docOf(text) } });
  };
  await save("第一版。");
  if (withLive || status === "PUBLISHED" || status === "UNPUBLISHED") {
    await cmd.submitReport({ actor: editor(), reportId: id });
    await cmd.approveReport({ actor: reviewer(), reportId: id });
    if (status === "PUBLISHED") return id;
    if (status === "UNPUBLISHED") {
      await cmd.unpublishReport({ actor: reviewer(), reportId: id, reason: "测试撤稿" });
      return id;
    }
    await cmd.startNewEdition({ actor: editor(), reportId: id });
    await save("第二版。");
  }
  if (status === "DRAFT") return id;
  await cmd.submitReport({ actor: editor(), reportId: id });
  if (status === "SUBMITTED") return id;
  await cmd.approveReport({ actor: reviewer(), reportId: id, publishAt: FUTURE() });
  return id;
}

/** Runs transition `name` on report `id` the way the product does. */
async function run(name: TransitionName, id: string): Promise<void> {
  switch (name) {
    case "submit":
      return void (await cmd.submitReport({ actor: editor(), reportId: id }));
    case "withdraw":
      return void (await cmd.withdrawReport({ actor: editor(), reportId: id }));
    case "requestChanges":
      return void (await cmd.requestChanges({ actor: reviewer(), reportId: id, comment: "请补充数据" }));
    case "approve":
      return void (await cmd.approveReport({ actor: reviewer(), reportId: id }));
    case "schedule":
      return void (await cmd.approveReport({ actor: reviewer(), reportId: id, publishAt: FUTURE() }));
    case "unschedule":
      return void (await cmd.unscheduleReport({ actor: reviewer(), reportId: id }));
    case "publishScheduled": {
      const published = await cmd.publishDueReports(new Date(Date.now() + 2 * 3600_000));
      expect(published).toContain(id);
      return;
    }
    case "unpublish":
    case "unpublishLive":
      return void (await cmd.unpublishReport({ actor: reviewer(), reportId: id, reason: "撤稿原因" }));
    case "startNewEdition":
      return void (await cmd.startNewEdition({ actor: editor(), reportId: id }));
    case "restore": {
      const first = await db.revision.findFirstOrThrow({ where: { reportId: id }, orderBy: { number: "asc" } });
      return void (await cmd.restoreRevision({ actor: editor(), reportId: id, revisionId: first.id }));
    }
  }
}

describe("the transition table", () => {
  it("is the workflow of DESIGN.md", () => {
    for (const name of workflow.TRANSITION_NAMES) {
      const spec = workflow.TRANSITIONS[name];
      const want = EXPECTED[name];
      expect({ name, from: [...spec.from].sort(), to: spec.to, event: spec.event, revision: spec.revision, notice: spec.notify?.kind ?? null }).toEqual({
        name,
        from: [...want.from].sort(),
        to: want.to,
        event: want.event,
        revision: want.revision,
        notice: want.notice,
      });
    }
    expect(Object.keys(EXPECTED).sort()).toEqual([...workflow.TRANSITION_NAMES].sort());
  });

  // UNPUBLISHED never holds a live edition, so `unpublish` from it cannot be reached.
  const reachable = (name: TransitionName, from: ReportStatus) => !(name === "unpublish" && from === "UNPUBLISHED");

  for (const name of Object.keys(EXPECTED) as TransitionName[]) {
    for (const from of EXPECTED[name].from.filter((status) => reachable(name, status))) {
      it(`${name} from ${from} ends where the workflow says, with its event, revision, notice and public effect`, async () => {
        const withLive = name === "unpublishLive";
        const id = await reportIn(from, withLive);
        const before = await report(id);
        expect(before.status).toBe(from);
        const revisionsBefore = await db.revision.count({ where: { reportId: id } });
        const noticesBefore = await db.notification.count({ where: { reportId: id } });

        await run(name, id);

        const want = EXPECTED[name];
        const after = await report(id);
        expect(after.status).toBe(want.to === "same" ? from : want.to);
        const event = await db.workflowEvent.findFirstOrThrow({ where: { reportId: id }, orderBy: { createdAt: "desc" } });
        expect({ action: event.action, fromStatus: event.fromStatus, toStatus: event.toStatus }).toEqual({
          action: want.event,
          fromStatus: from,
          toStatus: after.status,
        });
        const newRevisions = await db.revision.findMany({ where: { reportId: id, number: { gt: revisionsBefore } }, orderBy: { number: "asc" } });
        const reasons = newRevisions.map((r) => r.reason).filter((reason) => reason !== "BEFORE_RESTORE" && reason !== "CHECKPOINT");
        expect(reasons).toEqual(want.revision ? [want.revision] : []);
        const notices = await db.notification.findMany({ where: { reportId: id }, skip: noticesBefore, orderBy: { createdAt: "asc" } });
        expect([...new Set(notices.map((n) => n.kind))]).toEqual(want.notice ? [want.notice] : []);
        if (want.live === "published") {
          expect(after.liveRevisionId).toBe(newRevisions.find((r) => r.reason === "PUBLISH")?.id);
          expect(await db.searchDocument.count({ where: { reportId: id } })).toBe(1);
        } else if (want.live === "offline") {
          expect(after.liveRevisionId).toBeNull();
          expect(await db.searchDocument.count({ where: { reportId: id } })).toBe(0);
        } else {
          expect(after.liveRevisionId).toBe(before.liveRevisionId);
        }
      });
    }
  }
});
