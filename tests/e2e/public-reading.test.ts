import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signIn, sql } from "../support/browser";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Serious and critical accessibility violations on the page, as axe-core finds them. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

describe.skipIf(!browserAvailable())("reading the public site", () => {
  let browser: Browser;
  let reportId: string;
  let goneId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    reportId = (await sql<{ id: string }>(`SELECT r.id FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId" WHERE c.slug = 'xiamen' AND r."liveRevisionId" IS NOT NULL ORDER BY r."publishedAt" LIMIT 1`))[0]!.id;
    // A report that was published and then taken down.
    const [author] = await sql<{ id: string; committeeId: string }>(
      `SELECT u.id, m."committeeId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.username = 'zhuzhou-editor'`,
    );
    goneId = `gone-${Date.now()}`;
    await sql(
      `INSERT INTO "Report" (id, "committeeId", "authorId", status, title, content, "publishedAt", "unpublishedAt", "unpublishReason", "updatedAt")
       VALUES ($1, $2, $3, 'UNPUBLISHED', '已撤下的稿件', '{"type":"doc","content":[]}', now() - interval '1 day', now(), '测试', now())`,
      [goneId, author!.committeeId, author!.id],
    );
  });
  afterAll(() => browser?.close());

  it("has no serious or critical accessibility violations on any public page type", async () => {
    // axe-core goes in as a script of its own, which the public pages' policy would refuse.
    const page = await browser.newPage({ bypassCSP: true });
    const pages = ["/", "/committees/xiamen", `/columns/${encodeURIComponent("工作综述")}`, `/reports/${reportId}`, "/search?q=党建", "/no-such-page", `/reports/${goneId}`];
    const found: Record<string, string[]> = {};
    for (const path of pages) {
      await page.goto(`${baseUrl()}${path}`);
      const violations = await seriousViolations(page);
      if (violations.length) found[path] = violations;
    }
    expect(found).toEqual({});
    await page.close();
  });

  it("answers 410 with a notice for a report that was taken down, and 404 for an unknown one", async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${baseUrl()}/reports/${goneId}`))?.status()).toBe(410);
    await expect(page.locator("h1").textContent()).resolves.toBe("该稿件已撤下");
    expect((await page.goto(`${baseUrl()}/reports/never-existed`))?.status()).toBe(404);
    await page.close();
  });

  it("ships no editor code on public pages (and the check does find it in the back office)", async () => {
    const scriptsOf = async (page: Page) => {
      const sources = await page.locator("script[src]").evaluateAll((els) => els.map((el) => (el as HTMLScriptElement).src));
      const bodies = await Promise.all(sources.map(async (src) => (await fetch(src)).text()));
      return bodies.join("\n");
    };
    const editorMarker = /prosemirror|@tiptap|ProseMirror/;
    const page = await browser.newPage();
    await page.goto(`${baseUrl()}/reports/${reportId}`);
    expect(editorMarker.test(await scriptsOf(page))).toBe(false);
    await page.goto(baseUrl());
    expect(editorMarker.test(await scriptsOf(page))).toBe(false);
    await page.close();

    const context = await browser.newContext();
    const studio = await context.newPage();
    await signIn(studio, "xiamen-editor", DEMO_PASSWORD);
    await studio.waitForURL(/\/studio$/);
    await studio.goto(`${baseUrl()}/studio/reports/${reportId}`);
    await studio.locator(".ProseMirror").first().waitFor();
    expect(editorMarker.test(await scriptsOf(studio))).toBe(true);
    await context.close();
  });

  it("serves public pages without Next's client runtime, and their links and reading settings work without it", async () => {
    const page = await browser.newPage();
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    for (const path of ["/", `/reports/${reportId}`, "/committees/xiamen", "/search?q=党建"]) {
      // Twice: the miss that fills the front's cache, then a hit.
      for (let i = 0; i < 2; i++) {
        const response = await page.goto(`${baseUrl()}${path}`);
        expect(await response?.text()).not.toContain("__next_f");
        // Only our own inline script may run: no 'unsafe-inline', no script file.
        expect((await response?.headerValue("content-security-policy"))?.match(/script-src [^;]*/)?.[0]).toMatch(/^script-src( 'sha256-[^']+')+$/);
      }
    }
    expect(scripts).toEqual([]);
    // Every script the pages have ran (the reading preferences' did: see below), and an inline
    // script put into the page by anything else does not.
    expect(refused).toEqual([]);
    await page.evaluate(() => document.body.append(Object.assign(document.createElement("script"), { textContent: "window.injected = true" })));
    await expect.poll(() => refused.length).toBe(1);
    await expect(page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).resolves.toBeUndefined();
    refused.length = 0;
    // A link loads the next page whole.
    await page.goto(`${baseUrl()}/reports/${reportId}`);
    await page.getByRole("banner").getByRole("link", { name: "搜索" }).click();
    await page.waitForURL(/\/search$/);
    await page.getByRole("searchbox").first().waitFor();
    // 大字 on, then off again, with its pressed state.
    await page.getByRole("button", { name: "大字" }).click();
    await expect(page.evaluate(() => document.documentElement.classList.contains("text-large"))).resolves.toBe(true);
    await expect(page.getByRole("button", { name: "大字" }).getAttribute("aria-pressed")).resolves.toBe("true");
    await page.getByRole("button", { name: "大字" }).click();
    await expect(page.evaluate(() => document.documentElement.classList.contains("text-large"))).resolves.toBe(false);
    await expect(page.getByRole("button", { name: "大字" }).getAttribute("aria-pressed")).resolves.toBe("false");
    expect(scripts).toEqual([]);
    expect(refused).toEqual([]);
    await page.close();
  });

  it("reads with Chinese typography, and keeps a reader's large-text and high-contrast choice", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/reports/${reportId}`);
    const paragraph = page.locator(".report-body p").nth(2);
    const style = () =>
      paragraph.evaluate((p) => {
        const s = getComputedStyle(p);
        return { fontSize: parseFloat(s.fontSize), family: s.fontFamily, indent: parseFloat(s.textIndent) / parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
      });
    const normal = await style();
    expect(normal.family).toMatch(/Songti SC.*Noto Serif CJK SC.*SimSun/);
    expect(normal.indent).toBeCloseTo(2, 1);
    expect(normal.lineHeight).toBeGreaterThanOrEqual(1.8);
    // The sample's ▲ captions are figures (waiting for their photos), not body paragraphs.
    expect(await page.locator(".report-body figure.report-figure figcaption .caption").first().textContent()).toMatch(/^[^▲]/);
    expect(await page.locator(".report-body p").first().textContent()).not.toMatch(/^▲/);

    await page.getByRole("button", { name: "大字" }).click();
    expect((await style()).fontSize).toBeGreaterThan(normal.fontSize * 1.2);
    await page.getByRole("button", { name: "高对比度" }).click();
    await page.reload();
    await expect(page.locator("html").getAttribute("class")).resolves.toMatch(/text-large.*contrast-high|contrast-high.*text-large/);
    await expect(page.getByRole("button", { name: "大字" }).getAttribute("aria-pressed")).resolves.toBe("true");
    expect((await style()).fontSize).toBeGreaterThan(normal.fontSize * 1.2);
    await context.close();
  });

  it("fits a 360-pixel phone without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    for (const path of ["/", `/reports/${reportId}`, "/committees/xiamen"]) {
      await page.goto(`${baseUrl()}${path}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await context.close();
  });

  it("lists a committee's reports with an archive by month, and a column's reports", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl()}/committees/zhangzhou`);
    await expect(page.locator("h1").textContent()).resolves.toContain("漳州市直机关工委");
    await expect(page.locator("[data-testid=committee-reports]").textContent()).resolves.toContain("漳州高标准高质量开展党史学习教育综述");
    // Anchored: reports other tests publish today add a "11月" link to the same list.
    await page.getByRole("link", { name: /^1月（\d+）$/ }).first().click();
    await page.waitForURL(/\/archive\/2022-01$/);
    await expect(page.locator("[data-testid=committee-reports]").textContent()).resolves.toContain("漳州高标准高质量开展党史学习教育综述");
    await page.goto(`${baseUrl()}/columns/${encodeURIComponent("工作综述")}`);
    const titles = await page.locator("[data-testid=column-reports] h3").allTextContents();
    expect(titles).toEqual(expect.arrayContaining(["新时代机关党建的「福州答卷」", "走好「第一方阵」建设模范机关"]));
    expect((await page.goto(`${baseUrl()}/committees/no-such-committee`))?.status()).toBe(404);
    await page.close();
  });
});
