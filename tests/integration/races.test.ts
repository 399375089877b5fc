// Racing commands against the real database, each race repeated: of two people acting on the
// same version at once exactly one wins, the other is told why in Chinese, and the row shows
// the winner's change only. A takedown and an editor's autosave of a new edition both win:
// the takedown does not touch the working copy's version. (workflow.test.ts has the single
// approve/approve race and the interleaved saves; these repeat and widen them.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { CommandError } from "@/lib/reports/errors";
import { docOf, createWorld, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

const ROUNDS = 20;
const CHINESE = /[\u4e00-\u9fff]/;

let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url;
  ({ people, xiamenId } = await createWorld(db));
  cmd = await loadCommands();
});
afterAll(() => db.$disconnect());

const state = (id: string) => db.report.findUniqueOrThrow({ where: { id } });

async function draft(title: string, text: string) {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
  const saved = await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title }, content: docOf(text) } });
  return { id, version: saved.version };
}

async function submitted(title: string, text = "竞态测试正文。") {
  const { id, version } = await draft(title, text);
  const result = await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: version });
  return { id, version: result.version };
}

/** Exactly one fulfilled; the other rejected with a CommandError in Chinese among `codes`. */
function oneWinner(results: PromiseSettledResult<unknown>[], codes: string[]) {
  const won = results.map((r) => r.status === "fulfilled");
  expect(won.filter(Boolean)).toHaveLength(1);
  const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
  expect(loser.reason).toBeInstanceOf(CommandError);
  expect(codes).toContain(loser.reason.code);
  expect(loser.reason.message).toMatch(CHINESE);
  return { winner: won.indexOf(true), loser: loser.reason as CommandError };
}

describe("races, each repeated", () => {
  it(`two reviewers approving the same version at once (one now, one scheduled): one winner, ${ROUNDS} times`, async () => {
    const tally = [0, 0];
    for (let round = 0; round < ROUNDS; round++) {
      const { id, version } = await submitted(`双审核竞态${round}`);
      const results = await Promise.allSettled([
        cmd.approveReport({ actor: people.xmReviewer, reportId: id, expectedVersion: version }),
        cmd.approveReport({ actor: people.xmReviewer2, reportId: id, expectedVersion: version, publishAt: new Date(Date.now() + 3600_000) }),
      ]);
      const { winner, loser } = oneWinner(results, ["WRONG_STATE", "STALE_STATE"]);
      tally[winner]! += 1;
      expect([loser.message]).toContainEqual(expect.stringMatching(/该稿件已被其他审核人通过|稿件已被他人修改/));
      const after = await state(id);
      expect(after.status).toBe(winner === 0 ? "PUBLISHED" : "SCHEDULED");
      expect(after.version).toBe(version + 1);
      expect(await db.workflowEvent.count({ where: { reportId: id, action: { in: ["APPROVE", "SCHEDULE"] } } })).toBe(1);
      expect(await db.revision.count({ where: { reportId: id, reason: "PUBLISH" } })).toBe(winner === 0 ? 1 : 0);
    }
    console.log(`[races] approve vs schedule: ${ROUNDS} rounds, winners ${JSON.stringify(tally)}, double wins 0`);
  });

  it(`approve vs request changes at once: one winner, ${ROUNDS} times`, async () => {
    const tally = { approve: 0, requestChanges: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const { id, version } = await submitted(`通过与退回竞态${round}`);
      const results = await Promise.allSettled([
        cmd.approveReport({ actor: people.xmReviewer, reportId: id, expectedVersion: version }),
        cmd.requestChanges({ actor: people.xmReviewer2, reportId: id, comment: "请补充数据" }),
      ]);
      const { winner, loser } = oneWinner(results, ["WRONG_STATE", "STALE_STATE"]);
      const after = await state(id);
      if (winner === 0) {
        tally.approve += 1;
        expect(loser.message).toBe("该稿件已被其他审核人通过");
        expect(after.status).toBe("PUBLISHED");
        expect(after.liveRevisionId).not.toBeNull();
        expect(await db.notification.count({ where: { reportId: id, kind: "CHANGES_REQUESTED" } })).toBe(0);
      } else {
        tally.requestChanges += 1;
        expect(loser.message).toMatch(/该稿件已被撤回或退回修改，当前为草稿|稿件已被他人修改/);
        expect(after.status).toBe("DRAFT");
        expect(after.liveRevisionId).toBeNull();
        expect(await db.searchDocument.count({ where: { reportId: id } })).toBe(0);
      }
      expect(after.version).toBe(version + 1);
      const events = await db.workflowEvent.findMany({ where: { reportId: id, action: { in: ["APPROVE", "REQUEST_CHANGES"] } } });
      expect(events).toHaveLength(1);
    }
    console.log(`[races] approve vs request changes: ${ROUNDS} rounds, winners ${JSON.stringify(tally)}, double wins 0`);
  });

  it(`two saves from one version at once: one is kept, the other is a conflict with the server's copy, ${ROUNDS} times`, async () => {
    const tally = [0, 0];
    for (let round = 0; round < ROUNDS; round++) {
      const { id, version } = await draft(`同版本保存竞态${round}`, "起始。");
      const save = (actor: People["xmEditor"], text: string) =>
        cmd.saveDraft({ actor, reportId: id, input: { expectedVersion: version, fields: { title: `同版本保存竞态${round}` }, content: docOf(text) } });
      const results = await Promise.allSettled([save(people.xmEditor, "甲的文字。"), save(people.xmEditor2, "乙的文字。")]);
      const { winner, loser } = oneWinner(results, ["CONFLICT"]);
      tally[winner]! += 1;
      expect(loser.message).toMatch(/^稿件已被.+修改，您的保存未覆盖对方的内容$/);
      const after = await state(id);
      expect(after.version).toBe(version + 1);
      expect(after.plainText).toBe(winner === 0 ? "甲的文字。" : "乙的文字。");
      // The conflict carries the winner's text, for the person to merge.
      const current = (loser as import("@/lib/reports/commands/save-draft").SaveConflictError).current;
      expect(current.version).toBe(version + 1);
      expect(JSON.stringify(current.content)).toContain(winner === 0 ? "甲的文字" : "乙的文字");
    }
    console.log(`[races] save vs save: ${ROUNDS} rounds, winners ${JSON.stringify(tally)}, double wins 0`);
  });

  it(`submit vs a colleague's save of the same version at once: one winner, ${ROUNDS} times`, async () => {
    const tally = { submit: 0, save: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const title = `提交与保存竞态${round}`;
      const { id, version } = await draft(title, "提交的文字。");
      const results = await Promise.allSettled([
        cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: version }),
        cmd.saveDraft({ actor: people.xmEditor2, reportId: id, input: { expectedVersion: version, fields: { title }, content: docOf("同事的新文字。") } }),
      ]);
      const { winner, loser } = oneWinner(results, ["CONFLICT", "STALE_STATE", "WRONG_STATE"]);
      const after = await state(id);
      expect(after.version).toBe(version + 1);
      if (winner === 0) {
        tally.submit += 1;
        // What was submitted is what the reviewers see: the save did not slip in behind it.
        expect(after.status).toBe("SUBMITTED");
        expect(after.plainText).toBe("提交的文字。");
        const revision = await db.revision.findFirstOrThrow({ where: { reportId: id, reason: "SUBMIT" } });
        expect(revision.plainText).toBe("提交的文字。");
        expect(loser.message).toMatch(/稿件已提交审核，撤回后才能修改|您的保存未覆盖对方的内容/);
      } else {
        tally.save += 1;
        expect(after.status).toBe("DRAFT");
        expect(after.plainText).toBe("同事的新文字。");
        expect(await db.revision.count({ where: { reportId: id, reason: "SUBMIT" } })).toBe(0);
        expect(loser.message).toMatch(/稿件已被他人修改，请刷新后再操作|稿件当前状态为「草稿」/);
      }
    }
    console.log(`[races] submit vs save: ${ROUNDS} rounds, winners ${JSON.stringify(tally)}, double wins 0`);
  });

  it(`a takedown and the editor's autosave of a new edition at once: both succeed, ${ROUNDS} times`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const title = `撤稿与保存竞态${round}`;
      const { id } = await submitted(title, "线上版本。");
      await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
      const live = await state(id);
      const { version } = await cmd.startNewEdition({ actor: people.xmEditor, reportId: id, expectedVersion: live.version });
      const taker = round % 2 === 0 ? people.xmReviewer : people.admin;
      const results = await Promise.allSettled([
        cmd.unpublishReport({ actor: taker, reportId: id, reason: "数据有误，先撤下" }),
        cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title }, content: docOf("新版本的文字。") } }),
      ]);
      for (const result of results) {
        if (result.status === "rejected") throw result.reason;
      }
      const after = await state(id);
      expect(after.status).toBe("DRAFT");
      expect(after.liveRevisionId).toBeNull();
      expect(after.version).toBe(version + 1);
      expect(after.plainText).toBe("新版本的文字。");
      expect(await db.searchDocument.count({ where: { reportId: id } })).toBe(0);
      // The editor keeps saving from the version they hold.
      await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version + 1, fields: { title }, content: docOf("再改一次。") } });
    }
    console.log(`[races] takedown vs autosave of a new edition: ${ROUNDS} rounds, both succeeded ${ROUNDS}, conflicts 0`);
  });
});
