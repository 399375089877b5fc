import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signIn, sql } from "../support/browser";

async function reportIdOf(committeeSlug: string): Promise<string> {
  const rows = await sql<{ id: string }>(
    `SELECT r.id FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId" WHERE c.slug = $1 LIMIT 1`,
    [committeeSlug],
  );
  return rows[0]!.id;
}

async function committeesShown(page: Page) {
  await page.locator("[data-testid=my-committees]").waitFor();
  return page.locator("[data-testid=my-committees] li").evaluateAll((items) =>
    items.map((li) => `${li.getAttribute("data-committee")}:${li.querySelector("[data-testid=role]")?.textContent}`),
  );
}

describe.skipIf(!browserAvailable())("signing in to the back office by committee role", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context.close());

  const cases: [string, string[]][] = [
    ["zhuzhou-editor", ["zhuzhou:编辑"]],
    ["fuzhou-reviewer", ["fuzhou:审核人"]],
    ["xiamen-editor", ["xiamen:编辑"]],
    ["zhangzhou-reviewer", ["zhangzhou:审核人"]],
    ["sample-city-reviewer", ["sample-city:审核人"]],
    ["multi", ["xiamen:编辑", "zhangzhou:审核人"]],
    ["admin", ["zhuzhou:系统管理员", "fuzhou:系统管理员", "xiamen:系统管理员", "zhangzhou:系统管理员", "sample-city:系统管理员"]],
  ];
  for (const [username, expected] of cases) {
    it(`${username} sees exactly their committees and roles`, async () => {
      await signIn(page, username, DEMO_PASSWORD);
      await page.waitForURL(/\/studio$/);
      expect(await committeesShown(page)).toEqual(expected);
      await expect(page.locator("[data-testid=current-user]").textContent()).resolves.toContain(username);
    });
  }

  it("keeps every label of the header on one line on a phone, the admin's longest nav included", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signIn(page, "admin", DEMO_PASSWORD);
    await page.waitForURL(/\/studio$/);
    const labels = await page.locator("header a, header button").evaluateAll((elements) =>
      elements.map((element) => {
        const box = element.getBoundingClientRect();
        const lineHeight = parseFloat(getComputedStyle(element).lineHeight) || parseFloat(getComputedStyle(element).fontSize) * 1.5;
        return { text: element.textContent?.trim(), lines: box.height / lineHeight, right: box.right };
      }),
    );
    expect(labels.length).toBeGreaterThanOrEqual(10);
    // A label broken letter by letter is two or more lines tall; a padded button is 1.5 at most.
    expect(labels.filter((label) => label.lines > 1.75 || label.right > 360)).toEqual([]);
  });

  it("shows each committee's reports by status: the 示例市 reviewer sees the submitted speech", async () => {
    await signIn(page, "sample-city-reviewer", DEMO_PASSWORD);
    await page.waitForURL(/\/studio$/);
    const submitted = await page.locator("[data-status=SUBMITTED] li").allTextContents();
    expect(submitted.join()).toContain("汇报发言");
    const published = await page.locator("[data-status=PUBLISHED] li").count();
    expect(published).toBe(0);
  });

  it("tells a wrong password apart from nothing else", async () => {
    // (Next.js has a route announcer with role=alert too, so look inside the form.)
    await signIn(page, "xiamen-editor", "wrong-password");
    await expect(page.locator("form [role=alert]").textContent()).resolves.toBe("用户名或密码不正确");
    await signIn(page, "no-such-user", "wrong-password");
    await expect(page.locator("form [role=alert]").textContent()).resolves.toBe("用户名或密码不正确");
    expect(page.url()).toMatch(/\/signin$/);
  });

  it("answers 'not found' when a 厦门 editor opens a 福州 report id", async () => {
    const fuzhouId = await reportIdOf("fuzhou");
    const xiamenId = await reportIdOf("xiamen");
    await signIn(page, "xiamen-editor", DEMO_PASSWORD);
    await page.waitForURL(/\/studio$/);
    const own = await page.goto(`${baseUrl()}/studio/reports/${xiamenId}`);
    expect(own?.status()).toBe(200);
    const other = await page.goto(`${baseUrl()}/studio/reports/${fuzhouId}`);
    expect(other?.status()).toBe(404);
    await expect(page.textContent("body")).resolves.not.toContain("福州");
  });

  it("signs a person out at once when they are deactivated, and when their sessions are ended", async () => {
    await signIn(page, "zhuzhou-reviewer", DEMO_PASSWORD);
    await page.waitForURL(/\/studio$/);
    await sql(`UPDATE "User" SET "isActive" = false WHERE username = 'zhuzhou-reviewer'`);
    try {
      await page.goto(`${baseUrl()}/studio`);
      await page.waitForURL(/\/signin/);
    } finally {
      await sql(`UPDATE "User" SET "isActive" = true WHERE username = 'zhuzhou-reviewer'`);
    }
    await context.clearCookies();
    await signIn(page, "zhuzhou-reviewer", DEMO_PASSWORD);
    await page.waitForURL(/\/studio$/);
    await sql(`UPDATE "User" SET "sessionVersion" = "sessionVersion" + 1 WHERE username = 'zhuzhou-reviewer'`);
    await page.goto(`${baseUrl()}/studio`);
    await page.waitForURL(/\/signin/);
  });

  it("signs out", async () => {
    await signIn(page, "fuzhou-editor", DEMO_PASSWORD);
    await page.waitForURL(/\/studio$/);
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/signin/);
    await page.goto(`${baseUrl()}/studio`);
    await page.waitForURL(/\/signin/);
  });
});
