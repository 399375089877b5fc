// Previews against a real PostgreSQL: who may make a preview link, what a link and the studio
// preview show (the working edition as it is now; the live edition to compare), and that a link
// outlives nothing it should not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { docOf, createWorld, loadCommands, type Commands, type People } from "../support/workflow-fixture";
import { freshDatabase } from "../support/test-database";

let db: Db;
let people: People;
let xiamenId: string;
let cmd: Commands;
let links: typeof import("@/lib/preview/links");
let queries: typeof import("@/lib/preview/queries");
const secretBefore = process.env.NEXTAUTH_SECRET;

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  process.env.DATABASE_URL = fresh.url; // the commands use the app's own client
  process.env.NEXTAUTH_SECRET = "integration-preview-secret";
  ({ people, xiamenId } = await createWorld(db));
  cmd = await loadCommands();
  links = await import("@/lib/preview/links");
  queries = await import("@/lib/preview/queries");
});
afterAll(async () => {
  process.env.NEXTAUTH_SECRET = secretBefore;
  await db.$disconnect();
});

async function draft(title: string, text: string) {
  const { id } = await cmd.createReport({ actor: people.xmEditor, committeeId: xiamenId, fields: { title } });
  const saved = await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: 1, fields: { title }, content: docOf(text) } });
  return { id, version: saved.version };
}

const tokenOf = (path: string) => path.replace(/^\/preview\//, "");

describe("preview links", () => {
  it("are made for any member of the committee or a site admin, for the chosen time", async () => {
    const { id } = await draft("预览链接", "正文。");
    const now = new Date("2026-12-01T04:00:00Z");
    for (const actor of [people.xmEditor, people.xmReviewer, people.admin]) {
      const link = await links.createPreviewLink({ actor, reportId: id, duration: "7d", now });
      expect(link.url).toMatch(/^https?:\/\/[^/]+\/preview\//);
      expect(link.expiresAt).toBe("2026-12-08T04:00:00.000Z");
      expect(links.checkPreviewToken(tokenOf(link.path), now)).toMatchObject({ ok: true, reportId: id });
      expect(links.checkPreviewToken(tokenOf(link.path), new Date("2026-12-08T04:00:00Z"))).toMatchObject({ ok: false, reason: "expired" });
    }
  });

  it("are refused, in the same words, for another committee's report and a missing one", async () => {
    const { id } = await draft("别的工委看不到", "正文。");
    const refusal = { code: "NOT_FOUND", status: 404, message: "稿件不存在，或您无权查看" };
    await expect(links.createPreviewLink({ actor: people.fzEditor, reportId: id, duration: "1d" })).rejects.toMatchObject(refusal);
    await expect(links.createPreviewLink({ actor: people.xmEditor, reportId: "no-such-report", duration: "1d" })).rejects.toMatchObject(refusal);
  });

  it("are refused in words, and none is valid, when the server has no secret", async () => {
    const { id } = await draft("没有密钥", "正文。");
    const link = await links.createPreviewLink({ actor: people.xmEditor, reportId: id, duration: "1h" });
    delete process.env.NEXTAUTH_SECRET;
    try {
      await expect(links.createPreviewLink({ actor: people.xmEditor, reportId: id, duration: "1h" })).rejects.toMatchObject({
        status: 422,
        message: "服务器未配置密钥，暂时无法生成预览链接",
      });
      expect(links.checkPreviewToken(tokenOf(link.path))).toEqual({ ok: false, reason: "invalid" });
    } finally {
      process.env.NEXTAUTH_SECRET = "integration-preview-secret";
    }
  });

  it("show the working edition as it is when opened, and nothing once the report is gone", async () => {
    const { id, version } = await draft("领导审阅稿", "第一稿。");
    expect((await queries.loadLinkPreview(id))?.article).toMatchObject({ id, title: "领导审阅稿", committee: { slug: "xiamen" } });
    await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title: "领导审阅稿" }, content: docOf("第二稿。") } });
    const preview = await queries.loadLinkPreview(id);
    expect(preview?.status).toBe("DRAFT");
    expect(preview?.article.html).toContain("第二稿。");
    expect(preview?.article.html).not.toContain("第一稿。");
    await db.report.delete({ where: { id } });
    expect(await queries.loadLinkPreview(id)).toBeNull();
  });
});

describe("the studio preview", () => {
  it("shows the new edition with the correction it will carry, and the live one to compare", async () => {
    const { id } = await draft("再版稿件", "初版内容。");
    await cmd.submitReport({ actor: people.xmEditor, reportId: id });
    await cmd.approveReport({ actor: people.xmReviewer, reportId: id });
    const live = await db.report.findUniqueOrThrow({ where: { id } });
    const { version } = await cmd.startNewEdition({ actor: people.xmEditor, reportId: id, expectedVersion: live.version });
    await cmd.saveDraft({ actor: people.xmEditor, reportId: id, input: { expectedVersion: version, fields: { title: "再版稿件" }, content: docOf("修订后的内容。") } });
    await db.report.update({ where: { id }, data: { correctionNote: "更正了第一段的数据" } });

    const working = await queries.loadStudioPreview(people.xmReviewer, id, "working");
    expect(working).toMatchObject({ status: "DRAFT", hasLiveEdition: true });
    expect(working?.article?.html).toContain("修订后的内容。");
    expect(working?.article?.corrections).toEqual([{ note: "更正了第一段的数据", at: null }]);
    // Dated like the published page: by its first publication.
    expect(working?.article?.publishedAt).toEqual(live.publishedAt);

    const published = await queries.loadStudioPreview(people.xmReviewer, id, "live");
    expect(published?.article?.html).toContain("初版内容。");
    expect(published?.article?.html).not.toContain("修订后的内容。");

    expect(await queries.loadStudioPreview(people.fzReviewer, id, "working")).toBeNull();
    expect(await queries.loadStudioPreview(people.admin, id, "working")).not.toBeNull();
  });

  it("has no live edition to show for a report never published", async () => {
    const { id } = await draft("从未发布", "正文。");
    expect(await queries.loadStudioPreview(people.xmEditor, id, "live")).toMatchObject({ article: null, hasLiveEdition: false });
  });
});
