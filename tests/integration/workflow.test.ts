import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { docOf, createWorld, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";
import { findingKey, proofread } from "@/lib/reports/rules/proofreading";

let db: Db;
let people: People;
let xiamenId: string;

let cmd: Commands;
let publicReads: typeof import("@/lib/public/published-reports");

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url; // the commands use the app's own client
  ({ people, xiamenId } = await createWorld(db));
  cmd = await loadCommands();
  publicReads = await import("@/lib/public/published-reports");
});
afterAll(() => db.$disconnect());

/** A draft by the 厦门 editor with some text, at its current version. */
async function draft(title = "厦门市直机关工作综述", ...paragraphs: string[]) {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
  const saved = await cmd.saveDraft({
    actor: people.xmEditor,
    reportId: id,
    input: { expectedVersion: 1, fields: { title }, content: docOf(...(paragraphs.length ? paragraphs : ["学习贯彻党的二十大精神。"])) },
  });
  return { id, version: saved.version };
}

async function submitted(...paragraphs: string[]) {
  const report = await draft(undefined, ...paragraphs);
  await cmd.submitReport({ actor: people.xmEditor, reportId: report.id, expectedVersion: report.version });
  return report.id;
}

const state = (id: string) => db.report.findUniqueOrThrow({ where: { id } });

describe("the whole review: draft, submit, changes requested, resubmit, approve", () => {
  it("publishes after a second person approves, with revisions and events at every step", async () => {
    const { id, version } = await draft("凝心铸魂担使命", "第一段。");
    await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: version });
    expect((await state(id)).status).toBe("SUBMITTED");

    await expect(cmd.requestChanges({ actor: people.xmReviewer, reportId: id, comment: "  " })).rejects.toThrow(
      "退回修改时请写明修改意见",
    );
    await cmd.requestChanges({ actor: people.xmReviewer, reportId: id, comment: "第一段请补充数据" });
    const returned = await state(id);
    expect(returned.status).toBe("DRAFT");

    await cmd.saveDraft({
      actor: people.xmEditor,
      reportId: id,
      input: { expectedVersion: returned.version, fields: { title: "凝心铸魂担使命" }, content: docOf("第一段，共 9 个单位参加。") },
    });
    await cmd.submitReport({ actor: people.xmEditor, reportId: id });
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });

    const published = await db.report.findUniqueOrThrow({ where: { id }, include: { liveRevision: true } });
    expect(published.status).toBe("PUBLISHED");
    expect(published.liveRevision?.plainText).toBe("第一段，共 9 个单位参加。");
    expect(published.publishedAt).not.toBeNull();
    const events = await db.workflowEvent.findMany({ where: { reportId: id }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["CREATE", "SUBMIT", "REQUEST_CHANGES", "SUBMIT", "APPROVE"]);
    expect(events[2]!.comment).toBe("第一段请补充数据");
    const revisions = await db.revision.findMany({ where: { reportId: id }, orderBy: { number: "asc" } });
    // The first save keeps a checkpoint; later saves within ten minutes do not.
    expect(revisions.map((r) => r.reason)).toEqual(["CHECKPOINT", "SUBMIT", "SUBMIT", "PUBLISH"]);
    expect((await publicReads.getPublishedReport(id))?.title).toBe("凝心铸魂担使命");
  });

  it("never lets the author or the last editor approve (two-person rule)", async () => {
    const id = await submitted();
    const reviewerWhoWrote = people.xmReviewer2;
    const { id: own } = await cmd.createReport({ actor: reviewerWhoWrote, committeeId: xiamenId, fields: { title: "审核人自己写的" } });
    await cmd.saveDraft({ actor: reviewerWhoWrote, reportId: own, input: { expectedVersion: 1, fields: { title: "审核人自己写的" }, content: docOf("正文") } });
    await cmd.submitReport({ actor: reviewerWhoWrote, reportId: own });
    await expect(cmd.approveReport({ actor: reviewerWhoWrote, reportId: own })).rejects.toThrow("不能审核通过自己撰写或最后修改的稿件");
    await expect(cmd.approveReport({ actor: people.xmEditor2, reportId: id })).rejects.toThrow("只有本工委的审核人");
    expect((await state(own)).status).toBe("SUBMITTED");
  });

  it("refuses to publish a text that still has redaction placeholders", async () => {
    const id = await submitted("市直机关**个单位***名党员参加。");
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: id })).rejects.toThrow("占位符");
    expect((await state(id)).status).toBe("SUBMITTED");
  });

  it("blocks approval on proofreading errors even when warnings are acknowledged", async () => {
    const id = await submitted("市直机关***名党员参加,,会议。");
    const findings = proofread({ fields: { title: "厦门市直机关工作综述" }, content: docOf("市直机关***名党员参加,,会议。") });
    const keys = findings.map(findingKey);
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: id, acknowledgement: { keys, reason: "原文如此" } })).rejects.toThrow("必须修正的错误");
    expect((await state(id)).status).toBe("SUBMITTED");
  });

  it("publishes over proofreading warnings only once each is acknowledged with a reason, and records it", async () => {
    const text = "会议强调,要再接再励，做好的的工作。";
    const id = await submitted(text);
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: id })).rejects.toThrow("需要确认的问题");
    const findings = proofread({ fields: { title: "厦门市直机关工作综述" }, content: docOf(text) });
    const warnings = findings.filter((f) => f.severity === "warning");
    expect(warnings.map((f) => f.text)).toEqual([",", "再接再励", "的的"]);
    const keys = warnings.map(findingKey);
    // One warning left out: still refused.
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: id, acknowledgement: { keys: keys.slice(1), reason: "引用原文" } })).rejects.toThrow("需要确认");
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: id, acknowledgement: { keys, reason: "  " } })).rejects.toThrow("写明理由");
    expect((await state(id)).status).toBe("SUBMITTED");

    await cmd.approveReport({ actor: people.xmReviewer, reportId: id, acknowledgement: { keys, reason: "引用讲话原文，保留原貌" } });
    expect((await state(id)).status).toBe("PUBLISHED");
    const acknowledged = await db.workflowEvent.findFirstOrThrow({ where: { reportId: id, action: "ACKNOWLEDGE_WARNINGS" } });
    expect(acknowledged.actorId).toBe(people.xmReviewer.id);
    expect(acknowledged.comment).toContain("引用讲话原文，保留原貌");
    expect(acknowledged.comment).toContain("再接再励");
  });

  it("lets only the submitter withdraw, while submitted", async () => {
    const id = await submitted();
    await expect(cmd.withdrawReport({ actor: people.xmEditor2, reportId: id })).rejects.toThrow("只有提交人可以撤回");
    await cmd.withdrawReport({ actor: people.xmEditor, reportId: id });
    expect((await state(id)).status).toBe("DRAFT");
    await expect(cmd.withdrawReport({ actor: people.xmEditor, reportId: id })).rejects.toThrow("该稿件已被撤回或退回修改");
  });

  it("does not let a submitted report be edited until it is withdrawn", async () => {
    const id = await submitted();
    const { version } = await state(id);
    await expect(
      cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title: "改" }, content: docOf("改") } }),
    ).rejects.toThrow("稿件已提交审核，撤回后才能修改");
  });
});

describe("nothing crosses committees: forged ids from another committee", () => {
  it("answers every command on a 厦门 report from 福州 people as not found, and changes nothing", async () => {
    const id = await submitted();
    const before = await state(id);
    const attempts: [string, () => Promise<unknown>][] = [
      ["save", () => cmd.saveDraft({ actor: people.fzEditor, reportId: id, input: { expectedVersion: before.version, fields: { title: "x" }, content: docOf("x") } })],
      ["submit", () => cmd.submitReport({ actor: people.fzEditor, reportId: id })],
      ["withdraw", () => cmd.withdrawReport({ actor: people.fzEditor, reportId: id })],
      ["requestChanges", () => cmd.requestChanges({ actor: people.fzReviewer, reportId: id, comment: "x" })],
      ["approve", () => cmd.approveReport({ actor: people.fzReviewer, reportId: id })],
      ["schedule", () => cmd.approveReport({ actor: people.fzReviewer, reportId: id, publishAt: new Date(Date.now() + 3600_000) })],
      ["unschedule", () => cmd.unscheduleReport({ actor: people.fzReviewer, reportId: id })],
      ["unpublish", () => cmd.unpublishReport({ actor: people.fzReviewer, reportId: id, reason: "x" })],
      ["restore", () => cmd.restoreRevision({ actor: people.fzEditor, reportId: id, revisionId: "x" })],
      ["comment", () => cmd.addReviewComment({ actor: people.fzReviewer, reportId: id, input: { body: "x" } })],
      ["resolve", () => cmd.setCommentResolved({ actor: people.fzReviewer, reportId: id, commentId: "x", resolved: true })],
    ];
    for (const [name, attempt] of attempts) {
      await expect(attempt(), name).rejects.toMatchObject({ code: "NOT_FOUND", message: "稿件不存在，或您无权查看" });
    }
    await expect(cmd.createReport({ actor: people.fzEditor, committeeId: xiamenId, fields: { title: "x" } })).rejects.toMatchObject({
      code: "NOT_MEMBER",
    });
    const after = await state(id);
    expect(after).toEqual(before);
    expect(await db.reviewComment.count({ where: { reportId: id } })).toBe(0);
  });

  it("answers an id that does not exist the same way", async () => {
    await expect(cmd.submitReport({ actor: people.xmEditor, reportId: "no-such-report" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("the server never trusts the client's content", () => {
  it("refuses a javascript: link, HTML instead of JSON and unknown nodes, and keeps the saved text", async () => {
    const { id, version } = await draft("安全", "原文。");
    const bad = [
      { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "点我", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] },
      "<p>原文</p><script>alert(1)</script>",
      { type: "doc", content: [{ type: "iframe", attrs: { src: "https://evil.example" } }] },
    ];
    for (const content of bad) {
      await expect(
        cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title: "安全" }, content } }),
      ).rejects.toMatchObject({ code: "INVALID" });
    }
    const after = await state(id);
    expect(after.version).toBe(version);
    expect(after.plainText).toBe("原文。");
  });

  it("refuses a missing title with a field error", async () => {
    const { id, version } = await draft();
    await expect(
      cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title: "  " }, content: docOf("x") } }),
    ).rejects.toMatchObject({ code: "INVALID", fieldErrors: { title: "请填写标题" } });
  });

  it("derives html, plain text and 字数 on the server", async () => {
    const { id } = await draft("字数", "党的二十大，2022年。");
    const report = await state(id);
    expect(report.html).toBe("<p>党的二十大，2022年。</p>");
    expect(report.charCount).toBe(9);
  });
});

describe("concurrency against the real database", () => {
  it("lets exactly one of two reviewers approving at once succeed", async () => {
    const id = await submitted();
    const results = await Promise.allSettled([
      cmd.approveReport({ actor: people.xmReviewer, reportId: id }),
      cmd.approveReport({ actor: people.xmReviewer2, reportId: id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toBe("该稿件已被其他审核人通过");
    expect(await db.workflowEvent.count({ where: { reportId: id, action: "APPROVE" } })).toBe(1);
    expect(await db.revision.count({ where: { reportId: id, reason: "PUBLISH" } })).toBe(1);
  });

  it("keeps every accepted save when two editors interleave 100 saves on one draft", async () => {
    const { id, version } = await draft("协同编辑", "起始段。");
    const accepted: { by: string; basedOn: number; line: string }[] = [];
    const conflicts = { count: 0 };

    async function editor(actor: People["xmEditor"], name: string, saves: number) {
      let known = { version, lines: ["起始段。"] };
      for (let i = 0; i < saves; i++) {
        const line = `${name}第${i}段。`;
        for (;;) {
          const lines = [...known.lines, line];
          try {
            const result = await cmd.saveDraft({
              actor,
              reportId: id,
              input: { expectedVersion: known.version, fields: { title: "协同编辑" }, content: docOf(...lines) },
            });
            accepted.push({ by: name, basedOn: known.version, line });
            known = { version: result.version, lines };
            break;
          } catch (error) {
            if ((error as { code?: string }).code !== "CONFLICT") throw error;
            conflicts.count += 1;
            // Take the colleague's newer text and add our paragraph to it, as the conflict view offers.
            const current = (error as import("@/lib/reports/commands/save-draft").SaveConflictError).current;
            const serverLines = (current.content.content ?? []).map((p) => p.content?.[0]?.text ?? "");
            known = { version: current.version, lines: serverLines };
          }
        }
      }
    }

    await Promise.all([editor(people.xmEditor, "甲", 50), editor(people.xmEditor2, "乙", 50)]);
    expect(accepted).toHaveLength(100);
    // Every accepted save was based on the latest version: versions form one unbroken chain.
    expect(accepted.map((a) => a.basedOn).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => version + i));
    const final = await state(id);
    expect(final.version).toBe(version + 100);
    for (const { line } of accepted) expect(final.plainText).toContain(line);
    expect(conflicts.count).toBeGreaterThan(0);
  });
});

describe("scheduled publication", () => {
  it("publishes at its time, once, however many instances run the job", async () => {
    const id = await submitted("定时发布的正文。");
    const at = new Date(Date.now() + 60 * 60_000);
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id, publishAt: at });
    expect((await state(id)).status).toBe("SCHEDULED");
    expect(await cmd.publishDueReports(new Date(at.getTime() - 1000))).not.toContain(id);
    expect(await publicReads.getPublishedReport(id)).toBeNull();

    const runs = await Promise.all([1, 2, 3].map(() => cmd.publishDueReports(new Date(at.getTime() + 1000))));
    expect(runs.flat().filter((x) => x === id)).toHaveLength(1);
    expect((await state(id)).status).toBe("PUBLISHED");
    expect(await db.workflowEvent.count({ where: { reportId: id, action: "PUBLISH" } })).toBe(1);
    expect((await publicReads.getPublishedReport(id))?.html).toContain("定时发布的正文");
  });

  it("refuses a publication time in the past, and can be taken back before its time", async () => {
    const id = await submitted();
    await expect(cmd.approveReport({ actor: people.xmReviewer, reportId: id, publishAt: new Date(Date.now() - 1000) })).rejects.toThrow(
      "定时发布时间须晚于现在",
    );
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id, publishAt: new Date(Date.now() + 3600_000) });
    await cmd.unscheduleReport({ actor: people.xmReviewer, reportId: id });
    expect((await state(id)).status).toBe("SUBMITTED");
  });
});

describe("editions, unpublishing and restoring", () => {
  it("drafts a new edition of a published report while the live one stays online, then replaces it with a correction note", async () => {
    const id = await submitted("初版内容。");
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    const live = await state(id);
    const save = (expectedVersion: number) =>
      cmd.saveDraft({
        actor: people.xmEditor,
        reportId: id,
        input: { expectedVersion, fields: { title: "厦门市直机关工作综述" }, content: docOf("修订后的内容。") },
      });
    // Editing a published report is an explicit step, never a side effect of a save.
    await expect(save(live.version)).rejects.toThrow("修改已发布稿件");
    expect((await state(id)).status).toBe("PUBLISHED");
    const { version } = await cmd.startNewEdition({ actor: people.xmEditor, reportId: id, expectedVersion: live.version });
    await save(version);
    const editing = await state(id);
    expect(editing.status).toBe("DRAFT");
    expect(editing.liveRevisionId).toBe(live.liveRevisionId);
    expect((await publicReads.getPublishedReport(id))?.html).toContain("初版内容");

    await db.report.update({ where: { id }, data: { correctionNote: "更正了第一段的数据" } });
    await cmd.submitReport({ actor: people.xmEditor, reportId: id });
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    const republished = await publicReads.getPublishedReport(id);
    expect(republished?.html).toContain("修订后的内容");
    expect(republished?.correctionNote).toBe("更正了第一段的数据");
    expect(republished?.publishedAt).toEqual(live.publishedAt);
    expect((await state(id)).correctionNote).toBe("");
  });

  it("unpublishes with a reason: the public site no longer serves it and the author is told", async () => {
    const id = await submitted();
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    await expect(cmd.unpublishReport({ actor: people.xmReviewer, reportId: id, reason: "" })).rejects.toThrow("撤稿时请写明原因");
    await expect(cmd.unpublishReport({ actor: people.xmEditor, reportId: id, reason: "x" })).rejects.toThrow("只有本工委的审核人");
    await cmd.unpublishReport({ actor: people.xmReviewer, reportId: id, reason: "数据有误" });
    const report = await state(id);
    expect(report).toMatchObject({ status: "UNPUBLISHED", liveRevisionId: null, unpublishReason: "数据有误" });
    expect(await publicReads.getPublishedReport(id)).toBeNull();
    expect(await publicReads.isReportGone(id)).toBe(true);
    const notice = await db.notification.findFirst({ where: { reportId: id, kind: "UNPUBLISHED" } });
    expect(notice).toMatchObject({ userId: people.xmEditor.id, message: "数据有误" });
  });

  it("takes the live edition down without touching a new edition being saved meanwhile", async () => {
    const id = await submitted("初版内容。");
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    const { version } = await cmd.startNewEdition({ actor: people.xmEditor, reportId: id });
    const save = (expectedVersion: number, text: string) =>
      cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion, fields: { title: "厦门市直机关工作综述" }, content: docOf(text) } });
    const saved = await save(version, "新版本第一稿。");
    // The reviewer's screen is older than the editor's last save: the takedown still goes through.
    await cmd.unpublishReport({ actor: people.xmReviewer, reportId: id, reason: "数据待核实" });
    const after = await state(id);
    expect(after).toMatchObject({ status: "DRAFT", liveRevisionId: null, version: saved.version });
    // The editor's next autosave, from the version it had, is not a conflict.
    await save(saved.version, "新版本第二稿。");
    expect((await state(id)).plainText).toBe("新版本第二稿。");
  });

  it("lets a site admin take any published report down, and audits it", async () => {
    const id = await submitted();
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    await cmd.unpublishReport({ actor: people.admin, reportId: id, reason: "违规内容" });
    expect(await db.auditEvent.count({ where: { action: "report.unpublish", targetId: id, actorId: people.admin.id } })).toBe(1);
    await expect(cmd.unpublishReport({ actor: people.admin, reportId: id, reason: "again" })).rejects.toThrow("没有公开版本");
  });

  it("restores an earlier revision as the current draft", async () => {
    const { id, version } = await draft("恢复", "第一版。");
    await cmd.submitReport({ actor: people.xmEditor, reportId: id, expectedVersion: version });
    await cmd.requestChanges({ actor: people.xmReviewer, reportId: id, comment: "改" });
    const current = await state(id);
    await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: current.version, fields: { title: "恢复" }, content: docOf("改坏了。") } });
    const first = await db.revision.findFirstOrThrow({ where: { reportId: id, number: 1 } });
    await cmd.restoreRevision({ actor: people.xmEditor, reportId: id, revisionId: first.id });
    const restored = await state(id);
    expect(restored.plainText).toBe("第一版。");
    const reasons = (await db.revision.findMany({ where: { reportId: id }, orderBy: { number: "asc" } })).map((r) => r.reason);
    expect(reasons.slice(-2)).toEqual(["BEFORE_RESTORE", "RESTORE"]);
    const kept = await db.revision.findFirstOrThrow({ where: { reportId: id, reason: "BEFORE_RESTORE" } });
    expect(kept.plainText).toBe("改坏了。");
  });
});

describe("notifications and review comments", () => {
  it("tells the committee's reviewers of a submission and the author of a request for changes", async () => {
    const id = await submitted();
    const toReviewers = await db.notification.findMany({ where: { reportId: id, kind: "SUBMITTED" } });
    expect(toReviewers.map((n) => n.userId).sort()).toEqual([people.xmReviewer.id, people.xmReviewer2.id].sort());
    await cmd.requestChanges({ actor: people.xmReviewer, reportId: id, comment: "请补充" });
    const toAuthor = await db.notification.findMany({ where: { reportId: id, kind: "CHANGES_REQUESTED" } });
    expect(toAuthor.map((n) => n.userId)).toEqual([people.xmEditor.id]);
  });

  it("keeps anchored comments with their thread, replies and resolution", async () => {
    const id = await submitted("市直机关工委召开五大党建联创协作组会议。");
    const { id: threadId } = await cmd.addReviewComment({
      actor: people.xmReviewer,
      reportId: id,
      input: { body: "请核实会议名称", anchor: { quote: "五大党建联创协作组", prefix: "市直机关工委召开", suffix: "会议。" } },
    });
    await cmd.addReviewComment({ actor: people.xmEditor, reportId: id, input: { body: "已核实", parentId: threadId } });
    await cmd.setCommentResolved({ actor: people.xmEditor, reportId: id, commentId: threadId, resolved: true });
    const thread = await db.reviewComment.findUniqueOrThrow({ where: { id: threadId }, include: { replies: true } });
    expect(thread).toMatchObject({ quote: "五大党建联创协作组", anchorPrefix: "市直机关工委召开" });
    expect(thread.replies.map((r) => r.body)).toEqual(["已核实"]);
    expect(thread.resolvedAt).not.toBeNull();
    await expect(cmd.addReviewComment({ actor: people.xmReviewer, reportId: id, input: { body: "   " } })).rejects.toThrow("请输入评论内容");
  });
});


