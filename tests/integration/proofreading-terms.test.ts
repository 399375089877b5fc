// A site admin extends the proofreading lists, and the approval gate uses them at once; nobody
// else may change them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createWorld, docOf, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;
let terms: typeof import("@/lib/proofreading-terms/add-term") & typeof import("@/lib/proofreading-terms/archive-term");

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  cmd = await loadCommands();
  terms = { ...(await import("@/lib/proofreading-terms/add-term")), ...(await import("@/lib/proofreading-terms/archive-term")) };
});
afterAll(() => db?.$disconnect());

async function submitted(text: string) {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title: "词表测试" } });
  await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title: "词表测试" }, content: docOf(text) } });
  await cmd.submitReport({ actor: people.xmEditor, reportId: id });
  return id;
}

describe("the site's proofreading list", () => {
  it("is kept by site admins only, with refusals in Chinese", async () => {
    await expect(terms.addProofreadingTerm({ actor: people.xmReviewer, input: { kind: "TYPO", correct: "党建引领", wrong: ["党建引岭"], items: [] } })).rejects.toThrow("只有系统管理员");
    await expect(terms.addProofreadingTerm({ actor: people.admin, input: { kind: "TYPO", correct: "党建引领", wrong: [], items: [] } })).rejects.toThrow("至少填写一个错误写法");
    await expect(terms.addProofreadingTerm({ actor: people.admin, input: { kind: "TYPO", correct: "党建引领", wrong: ["党建引领"], items: [] } })).rejects.toThrow("不能与正确写法相同");
    expect(await db.proofreadingTerm.count()).toBe(0);
  });

  it("holds back an approval over a word the admin added, and lets it through once the word is taken out", async () => {
    const id = await submitted("坚持党建引岭，推动工作落实。");
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id, publishAt: null }).catch(() => {});
    // Nothing in the shipped lists catches it…
    expect((await db.report.findUniqueOrThrow({ where: { id } })).status).toBe("PUBLISHED");

    const second = await submitted("坚持党建引岭，推动工作落实。");
    const term = await terms.addProofreadingTerm({ actor: people.admin, input: { kind: "TYPO", correct: "党建引领", wrong: ["党建引岭"], items: [], note: "本地常见错字" } });
    await expect(terms.addProofreadingTerm({ actor: people.admin, input: { kind: "TYPO", correct: "党建引领", wrong: ["党建引令"], items: [] } })).rejects.toThrow("已有这个正确写法");
    // …the admin's addition does, at once.
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: second })).rejects.toThrow("党建引岭");
    await terms.archiveProofreadingTerm({ actor: people.admin, termId: term.id });
    await cmd.approveReport({ actor: people.xmReviewer, reportId: second });
    expect((await db.report.findUniqueOrThrow({ where: { id: second } })).status).toBe("PUBLISHED");
    expect(await db.auditEvent.count({ where: { targetId: term.id } })).toBe(2);
  });
});
