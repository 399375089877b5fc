// Issue 11: "预览" shows a report exactly as the public page will, for editors and reviewers at
// any state, and a signed, expiring, never-indexed, never-cached link for someone without an account.
import type { Browser, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { signPreviewToken } from "@/lib/preview/token";
import { baseUrl, browserAvailable, launchBrowser, signedIn, sql } from "../support/browser";
import { waitSavedAfterEdit } from "../support/editor";

// The secret tests/support/e2e-setup.ts starts the site with.
const E2E_SECRET = "e2e-test-secret-not-for-production";
const as = (browser: Browser, username: string) => signedIn(browser, username, DEMO_PASSWORD);

/** The markup inside an element, to compare two renderings of one edition. */
function articleShape(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => el.innerHTML);
}

/** The headers that keep an answer out of indexes, caches and Referers. */
function expectPrivate(response: Response | null) {
  const headers = response!.headers();
  expect(headers["x-robots-tag"]).toContain("noindex");
  expect(headers["cache-control"]).toContain("private");
  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["cdn-cache-control"]).toBeUndefined();
  expect(headers["referrer-policy"]).toBe("no-referrer");
}

describe.skipIf(!browserAvailable())("preview", () => {
  let browser: Browser;
  let draftUrl: string;
  let draftId: string;
  const title = `预览测试 ${Date.now()}`;
  const body = "这是一篇尚未发布的稿件，领导审阅前先行预览。";

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("shows an editor's draft through the public article, with a banner outside it, 大字, and no banner in print", async () => {
    const { context, page } = await as(browser, "xiamen-editor");
    await page.goto(`${baseUrl()}/studio/reports/new`);
    await page.getByLabel("标题").fill(title);
    await page.getByRole("button", { name: "创建并开始编辑" }).click();
    await page.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
    draftUrl = page.url();
    draftId = draftUrl.split("/").at(-1)!;
    await page.locator(".ProseMirror").first().click();
    await page.keyboard.insertText(body);
    await waitSavedAfterEdit(page);

    const [preview] = await Promise.all([context.waitForEvent("page"), page.getByRole("link", { name: "预览", exact: true }).click()]);
    await preview.waitForLoadState();
    expect(new URL(preview.url()).pathname).toBe(`/studio/reports/${draftId}/preview`);
    // Per person: never kept by a shared cache.
    const answer = (await preview.reload())!;
    expect(answer.status()).toBe(200);
    expect(answer.headers()["cache-control"]).toContain("no-store");
    expect(answer.headers()["cdn-cache-control"]).toBeUndefined();
    expect(answer.headers()["x-cache"]).not.toBe("HIT");
    const banner = preview.getByTestId("preview-banner");
    await expect(banner.textContent()).resolves.toContain("预览 — 尚未发布");
    await expect(banner.textContent()).resolves.toContain("当前状态：草稿");
    expect(await preview.title()).toContain(`预览：${title}`);
    await expect(preview.locator("article h1").textContent()).resolves.toBe(title);
    await expect(preview.locator("article .report-body").textContent()).resolves.toContain(body);
    // The banner is not part of the article.
    expect(await preview.locator("article [data-testid=preview-banner]").count()).toBe(0);
    await expect(preview.locator('meta[name="robots"]').getAttribute("content")).resolves.toContain("noindex");

    // 大字 works here as on the public page.
    const size = () => preview.locator("article .report-body p").first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normal = await size();
    await preview.getByRole("button", { name: "大字" }).click();
    await expect(preview.evaluate(() => document.documentElement.classList.contains("text-large"))).resolves.toBe(true);
    expect(await size()).toBeGreaterThan(normal);
    await preview.getByRole("button", { name: "大字" }).click();

    // Printed, the preview reads like the published page: no banner, no site header.
    await preview.emulateMedia({ media: "print" });
    expect(await banner.isVisible()).toBe(false);
    expect(await preview.locator("article h1").isVisible()).toBe(true);
    await preview.emulateMedia({ media: "screen" });
    expect(await banner.isVisible()).toBe(true);
    await context.close();
  });

  it("renders a published report's preview with the public page's own markup", async () => {
    const [published] = await sql<{ id: string }>(
      `SELECT r.id FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId"
       WHERE c.slug = 'xiamen' AND r.status = 'PUBLISHED' AND r."liveRevisionId" IS NOT NULL ORDER BY r."publishedAt" LIMIT 1`,
    );
    const { context, page } = await as(browser, "xiamen-reviewer");
    const publicPage = await context.newPage();
    await publicPage.goto(`${baseUrl()}/reports/${published!.id}`);

    // The working edition of a published report is its live text: same header, same body markup.
    await page.goto(`${baseUrl()}/studio/reports/${published!.id}/preview`);
    await expect(page.getByTestId("preview-banner").textContent()).resolves.toContain("当前状态：已发布");
    expect(await articleShape(page, "article > header")).toBe(await articleShape(publicPage, "article > header"));
    expect(await articleShape(page, "article > .report-body")).toBe(await articleShape(publicPage, "article > .report-body"));
    const classes = (p: Page) => p.locator("article .report-body > *").evaluateAll((els) => els.map((el) => `${el.tagName}.${el.className}`));
    expect(await classes(page)).toEqual(await classes(publicPage));

    // The live edition, for comparing: the public page's article, whole.
    await page.getByRole("link", { name: "公开版本" }).click();
    await page.waitForURL(/mode=live/);
    await expect(page.getByTestId("preview-banner").textContent()).resolves.toContain("公开版本");
    expect(await articleShape(page, "article")).toBe(await articleShape(publicPage, "article"));
    await context.close();
  });

  it("lets a reviewer make a link that an anonymous reader opens, unindexed and uncached, until it expires", async () => {
    const { context, page } = await as(browser, "xiamen-reviewer");
    await page.goto(draftUrl);
    await page.getByRole("button", { name: "生成预览链接" }).click();
    const panel = page.getByRole("group", { name: "生成预览链接" });
    await panel.getByLabel("有效期").selectOption("1h");
    await panel.getByRole("button", { name: "生成预览链接" }).click();
    const input = panel.getByLabel("预览链接");
    await input.waitFor();
    const url = await input.inputValue();
    expect(url).toMatch(new RegExp(`^${baseUrl()}/preview/${draftId}\\.\\d+\\.[\\w-]+\\.[\\w-]{43}$`));
    await expect(panel.getByTestId("preview-link-expiry").textContent()).resolves.toMatch(/^有效期至 \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（北京时间）$/);
    const expiry = Number(new URL(url).pathname.split(".")[1]);
    expect(expiry * 1000 - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(expiry * 1000 - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    await context.close();

    const anonymous = await browser.newContext();
    const reader = await anonymous.newPage();
    for (let i = 0; i < 2; i++) {
      // Twice: the second answer must not come from the front server's page cache either.
      const response = await reader.goto(url);
      expect(response!.status()).toBe(200);
      expect(response!.headers()["x-cache"]).not.toBe("HIT");
      expectPrivate(response);
    }
    await expect(reader.getByTestId("preview-banner").textContent()).resolves.toMatch(/预览链接，有效期至 .+（北京时间）/);
    await expect(reader.locator("article h1").textContent()).resolves.toBe(title);
    await expect(reader.locator("article .report-body").textContent()).resolves.toContain(body);
    await expect(reader.locator('meta[name="robots"]').getAttribute("content")).resolves.toContain("noindex");

    // The link shows the text as it is when opened: a later save is in it.
    await sql(`UPDATE "Report" SET title = $2 WHERE id = $1`, [draftId, `${title}（修改）`]);
    await reader.reload();
    await expect(reader.locator("article h1").textContent()).resolves.toBe(`${title}（修改）`);

    // Expired: the same module and secret, an expiry in the past.
    const expired = signPreviewToken({ reportId: draftId, expiresAt: new Date(Date.now() - 1000), secret: E2E_SECRET });
    const gone = await reader.goto(`${baseUrl()}/preview/${expired}`);
    expect(gone!.status()).toBe(410);
    expectPrivate(gone);
    await expect(reader.locator("h1").textContent()).resolves.toBe("预览链接已过期");
    expect(await reader.locator("article").count()).toBe(0);

    // Tampered: a later expiry with the old signature, or another report's id.
    const [id, exp, nonce, signature] = new URL(url).pathname.split("/")[2]!.split(".");
    for (const token of [`${id}.${Number(exp) + 86_400}.${nonce}.${signature}`, `x${id}.${exp}.${nonce}.${signature}`, "not-a-token"]) {
      const response = await reader.goto(`${baseUrl()}/preview/${token}`);
      expect(response!.status()).toBe(404);
      expectPrivate(response);
      await expect(reader.locator("h1").textContent()).resolves.toBe("预览链接无效");
    }

    // A valid link to a report that no longer exists.
    const [author] = await sql<{ id: string; committeeId: string }>(
      `SELECT u.id, m."committeeId" FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE u.username = 'xiamen-editor'`,
    );
    const deletedId = `preview-deleted-${Date.now()}`;
    await sql(`INSERT INTO "Report" (id, "committeeId", "authorId", title, content, "updatedAt") VALUES ($1, $2, $3, '将被删除', '{"type":"doc","content":[]}', now())`, [
      deletedId,
      author!.committeeId,
      author!.id,
    ]);
    const orphan = signPreviewToken({ reportId: deletedId, expiresAt: new Date(Date.now() + 3_600_000), secret: E2E_SECRET });
    expect((await reader.goto(`${baseUrl()}/preview/${orphan}`))!.status()).toBe(200);
    await sql(`DELETE FROM "Report" WHERE id = $1`, [deletedId]);
    const deleted = await reader.goto(`${baseUrl()}/preview/${orphan}`);
    expect(deleted!.status()).toBe(404);
    await expect(reader.locator("h1").textContent()).resolves.toBe("预览链接无效");
    await anonymous.close();

    const robots = await (await fetch(`${baseUrl()}/robots.txt`)).text();
    expect(robots).toMatch(/^Disallow: \/preview\/$/m);
  });

  it("answers another committee's report with the 404 of a missing id", async () => {
    const [other] = await sql<{ id: string }>(
      `SELECT r.id FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId" WHERE c.slug = 'fuzhou' LIMIT 1`,
    );
    const { context, page } = await as(browser, "xiamen-editor");
    const missing = await page.goto(`${baseUrl()}/studio/reports/no-such-report/preview`);
    expect(missing!.status()).toBe(404);
    const missingText = await page.locator("main").textContent();
    const foreign = await page.goto(`${baseUrl()}/studio/reports/${other!.id}/preview`);
    expect(foreign!.status()).toBe(404);
    expect(await page.locator("main").textContent()).toBe(missingText);
    expect(await page.locator("article").count()).toBe(0);
    await context.close();

    const anonymous = await browser.newContext();
    const stranger = await anonymous.newPage();
    await stranger.goto(`${baseUrl()}/studio/reports/${other!.id}/preview`);
    await stranger.waitForURL(/\/signin/);
    await anonymous.close();
  });
});
