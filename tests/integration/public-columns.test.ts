// The public 栏目 list is built from each committee's managed list: a 栏目 shows while it is on
// the list and has live reports; archived, it is gone from the list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { addColumns, createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;
let reads: typeof import("@/lib/public/published-reports");

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  await addColumns(db, ["党建动态", "工作综述"]);
  cmd = await loadCommands();
  reads = await import("@/lib/public/published-reports");
});
afterAll(() => db?.$disconnect());

describe("the public 栏目 list", () => {
  it("shows managed 栏目 with live reports, and drops one once it is archived", async () => {
    for (const column of ["党建动态", "工作综述"]) {
      const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title: `${column}稿件` } });
      await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title: `${column}稿件`, column }, content: docOf("正文。") } });
      await cmd.submitReport({ actor: people.xmEditor, reportId: id });
      await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    }
    expect((await reads.listColumns()).map((c) => c.column).sort()).toEqual(["党建动态", "工作综述"]);
    await db.column.updateMany({ where: { committeeId: xiamenId, name: "党建动态" }, data: { archivedAt: new Date() } });
    expect((await reads.listColumns()).map((c) => c.column)).toEqual(["工作综述"]);
  });
});
