// 栏目 as a managed list: created and renamed by a committee's manager, picked by editors (the
// save refuses a name not in the list), and a renamed 栏目 keeps its reports and old links.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { loadSessionUser, type SessionUser } from "@/lib/auth/actor";
import { CommandError } from "@/lib/reports/errors";
import { createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;
let columns: typeof import("@/lib/admin/commands/create-column") & typeof import("@/lib/admin/commands/rename-column") & typeof import("@/lib/admin/commands/archive-column");
let redirect: typeof import("@/lib/public/column-redirect");
let publicReads: typeof import("@/lib/public/published-reports");
let manager: SessionUser;

async function refusal(promise: Promise<unknown>): Promise<CommandError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  expect((error as CommandError).status).toBeLessThan(500);
  return error as CommandError;
}

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  cmd = await loadCommands();
  columns = {
    ...(await import("@/lib/admin/commands/create-column")),
    ...(await import("@/lib/admin/commands/rename-column")),
    ...(await import("@/lib/admin/commands/archive-column")),
  };
  redirect = await import("@/lib/public/column-redirect");
  publicReads = await import("@/lib/public/published-reports");
  const m = await db.user.create({
    data: { username: "xm-manager", displayName: "厦门管理员", passwordHash: "unused", memberships: { create: { committeeId: xiamenId, role: "MANAGER" } } },
  });
  manager = (await loadSessionUser(db, { userId: m.id, sessionVersion: 0 }))!;
});
afterAll(() => db.$disconnect());

async function draftWithColumn(column: string) {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title: "厦门工作综述" } });
  return cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title: "厦门工作综述", column }, content: docOf("学习贯彻。") } }).then((r) => ({ id, ...r }));
}

describe("managing 栏目", () => {
  it("lets the committee's manager add 栏目, refusing duplicates, bad names and other committees' managers", async () => {
    await columns.createColumn({ actor: manager, committeeId: xiamenId, name: "学习贯彻" });
    await columns.createColumn({ actor: people.admin, committeeId: xiamenId, name: "工作动态" });
    const before = await db.column.count();
    expect((await refusal(columns.createColumn({ actor: manager, committeeId: xiamenId, name: "学习贯彻" }))).message).toBe("本工委已有栏目「学习贯彻」");
    expect((await refusal(columns.createColumn({ actor: manager, committeeId: xiamenId, name: "a/b" }))).status).toBe(422);
    expect((await refusal(columns.createColumn({ actor: manager, committeeId: xiamenId, name: "  " }))).message).toBe("请填写栏目名称");
    expect((await refusal(columns.createColumn({ actor: people.xmReviewer, committeeId: xiamenId, name: "新栏目" }))).status).toBe(403);
    const fuzhouId = (await db.committee.findUniqueOrThrow({ where: { slug: "fuzhou" } })).id;
    expect((await refusal(columns.createColumn({ actor: manager, committeeId: fuzhouId, name: "新栏目" }))).status).toBe(403);
    expect(await db.column.count()).toBe(before);
  });

  it("saves a 栏目 from the list and refuses one that is not in it", async () => {
    await draftWithColumn("学习贯彻");
    const err = await refusal(draftWithColumn("学习灌彻"));
    expect(err.message).toBe("请从本工委的栏目中选择（「学习灌彻」不在栏目列表中）");
    expect((err.fieldErrors as Record<string, string>).column).toBeTruthy();
  });

  it("keeps a report's existing value saveable after its 栏目 is archived", async () => {
    const { id, version } = await draftWithColumn("工作动态");
    const column = await db.column.findFirstOrThrow({ where: { committeeId: xiamenId, name: "工作动态" } });
    await columns.setColumnArchived({ actor: manager, columnId: column.id, archived: true });
    await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title: "改了标题", column: "工作动态" }, content: docOf("学习贯彻。") } });
    expect((await refusal(draftWithColumn("工作动态"))).status).toBe(422);
    await columns.setColumnArchived({ actor: manager, columnId: column.id, archived: false });
  });

  it("renames a 栏目: its published reports move with it and the old name leads to the new one", async () => {
    const { id, version } = await draftWithColumn("学习贯彻");
    await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: version });
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    expect((await publicReads.getColumnPage("学习贯彻")).total).toBe(1);

    const column = await db.column.findFirstOrThrow({ where: { committeeId: xiamenId, name: "学习贯彻" } });
    expect((await refusal(columns.renameColumn({ actor: manager, columnId: column.id, name: "工作动态" }))).message).toBe("本工委已有栏目「工作动态」");
    expect((await refusal(columns.renameColumn({ actor: people.fzReviewer, columnId: column.id, name: "学习宣传" }))).status).toBe(403);
    expect(await redirect.renamedColumnTarget("学习贯彻")).toBeNull();

    await columns.renameColumn({ actor: manager, columnId: column.id, name: "学习宣传" });
    const report = await db.report.findUniqueOrThrow({ where: { id }, include: { liveRevision: true, searchDocument: true } });
    expect(report.column).toBe("学习宣传");
    expect(report.liveRevision?.column).toBe("学习宣传");
    expect(report.searchDocument?.column).toBe("学习宣传");
    expect((await publicReads.getColumnPage("学习宣传")).total).toBe(1);
    expect((await publicReads.getColumnPage("学习贯彻")).total).toBe(0);
    expect(await redirect.renamedColumnTarget("学习贯彻")).toBe("学习宣传");

    // Renamed again: both older names lead to the newest.
    await columns.renameColumn({ actor: manager, columnId: column.id, name: "理论学习" });
    expect(await redirect.renamedColumnTarget("学习贯彻")).toBe("理论学习");
    expect(await redirect.renamedColumnTarget("学习宣传")).toBe("理论学习");
  });
});
