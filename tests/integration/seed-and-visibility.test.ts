import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { seedDemoData } from "@/prisma/seed";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/prisma/demo-data";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { loadSessionUser, type SessionUser } from "@/lib/auth/actor";
import { freshDatabase } from "../support/test-database";

let db: Db;
let queries: typeof import("@/lib/reports/queries/studio");
let publicReads: typeof import("@/lib/public/published-reports");

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  // The app's own modules read DATABASE_URL through getDb(); point them at this file's database.
  process.env.DATABASE_URL = fresh.url;
  queries = await import("@/lib/reports/queries/studio");
  publicReads = await import("@/lib/public/published-reports");
  await seedDemoData(db);
});
afterAll(() => db.$disconnect());

async function sessionOf(username: string): Promise<SessionUser> {
  const user = await db.user.findUniqueOrThrow({ where: { username } });
  return (await loadSessionUser(db, { userId: user.id, sessionVersion: user.sessionVersion }))!;
}

describe("demo seed", () => {
  it("seeds captions as figures waiting for photos, and descriptions start at the first body paragraph", async () => {
    const xiamen = await db.report.findFirstOrThrow({ where: { committee: { slug: "xiamen" } } });
    const blocks = (xiamen.content as { content: Array<{ type: string; attrs?: { caption?: string; src?: unknown } }> }).content;
    const figures = blocks.filter((block) => block.type === "figure");
    expect(figures).toHaveLength(5);
    expect(figures.every((figure) => figure.attrs?.src === null)).toBe(true);
    const caption = blocks[0]!.attrs!.caption!;
    expect(xiamen.plainText.startsWith(caption)).toBe(true);
    const { describeReport } = await import("@/lib/public/describe");
    const description = describeReport({ summary: "", html: xiamen.html, plainText: xiamen.plainText });
    expect(description.startsWith(caption)).toBe(false);
    const listed = (await publicReads.listLatestPublishedReports()).find((report) => report.id === xiamen.id);
    expect(listed?.plainTextStart).toBeTruthy();
    expect(listed!.plainTextStart.startsWith(caption)).toBe(false);
  });

  it("creates the five committees and every documented account, all with the demo password", async () => {
    expect((await db.committee.findMany({ orderBy: { sortOrder: "asc" } })).map((c) => c.slug)).toEqual([
      "zhuzhou",
      "fuzhou",
      "xiamen",
      "zhangzhou",
      "sample-city",
    ]);
    const readme = fs.readFileSync("README.md", "utf8");
    for (const account of DEMO_ACCOUNTS) {
      expect(readme).toContain(`\`${account.username}\``);
      const result = await signInWithPassword(db, { username: account.username, password: DEMO_PASSWORD });
      expect(result.ok, account.username).toBe(true);
    }
    expect(readme).toContain(DEMO_PASSWORD);
  });

  it("publishes the four committee samples with a live edition and keeps the speech submitted", async () => {
    const reports = await db.report.findMany({ include: { committee: true, liveRevision: true } });
    const byCommittee = Object.fromEntries(reports.map((r) => [r.committee.slug, r]));
    for (const slug of ["zhuzhou", "fuzhou", "xiamen", "zhangzhou"]) {
      const report = byCommittee[slug]!;
      expect(report.status).toBe("PUBLISHED");
      expect(report.liveRevision?.html).toContain("<p");
      expect(report.publishedAt).not.toBeNull();
      expect(report.charCount).toBeGreaterThan(2000);
    }
    expect(byCommittee["sample-city"]).toMatchObject({ status: "SUBMITTED", liveRevisionId: null });
    expect(await db.workflowEvent.count({ where: { action: "APPROVE" } })).toBe(4);
  });

  it("keeps the text of each sample: its paragraphs appear in the published body", async () => {
    const report = await db.report.findFirstOrThrow({ where: { committee: { slug: "zhangzhou" } } });
    expect(report.title).toBe("漳州高标准高质量开展党史学习教育综述");
    expect(report.issueDate?.toISOString().slice(0, 10)).toBe("2022-01-17");
    const sample = fs.readFileSync("prisma/seed-data/samples/zhangzhou-2022.txt", "utf8");
    const longParagraph = sample.split("\n").find((line) => line.startsWith("党史学习教育开展以来"))!;
    expect(report.plainText).toContain(longParagraph.trim());
  });

  it("is idempotent: a second run adds nothing", async () => {
    const before = await Promise.all([db.user.count(), db.report.count(), db.membership.count()]);
    await seedDemoData(db);
    expect(await Promise.all([db.user.count(), db.report.count(), db.membership.count()])).toEqual(before);
  });
});

describe("the back office shows only what a person's committees hold", () => {
  it("lists only 厦门's reports to the 厦门 editor", async () => {
    const reports = await queries.listReportsForStudio(await sessionOf("xiamen-editor"));
    expect(new Set(reports.map((r) => r.committee.city))).toEqual(new Set(["厦门"]));
  });

  it("lists 厦门 and 漳州 to the account that edits for one and reviews for the other", async () => {
    const reports = await queries.listReportsForStudio(await sessionOf("multi"));
    expect(new Set(reports.map((r) => r.committee.city))).toEqual(new Set(["厦门", "漳州"]));
  });

  it("lists every committee's reports to the admin", async () => {
    expect(await queries.listReportsForStudio(await sessionOf("admin"))).toHaveLength(5);
  });

  it("answers a forged id from another committee exactly as an unknown id", async () => {
    const fuzhou = await db.report.findFirstOrThrow({ where: { committee: { slug: "fuzhou" } } });
    const xiamenEditor = await sessionOf("xiamen-editor");
    expect(await queries.getReportForStudio(xiamenEditor, fuzhou.id)).toBeNull();
    expect(await queries.getReportForStudio(xiamenEditor, "no-such-id")).toBeNull();
    expect(await queries.getReportForStudio(await sessionOf("fuzhou-editor"), fuzhou.id)).not.toBeNull();
  });
});

describe("the public site", () => {
  it("lists published reports newest first and never the submitted speech", async () => {
    const latest = await publicReads.listLatestPublishedReports();
    expect(latest.map((r) => r.committee.slug)).toEqual(["fuzhou", "xiamen", "zhuzhou", "zhangzhou"]);
  });

  it("serves a report only while it has a live edition", async () => {
    const speech = await db.report.findFirstOrThrow({ where: { committee: { slug: "sample-city" } } });
    expect(await publicReads.getPublishedReport(speech.id)).toBeNull();
    const xiamen = await db.report.findFirstOrThrow({ where: { committee: { slug: "xiamen" } } });
    expect(await publicReads.getPublishedReport(xiamen.id)).toMatchObject({ committee: { slug: "xiamen" } });
  });
});
