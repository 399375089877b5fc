// Administration in the browser, as issue 12 tells it: the site admin creates the 泉州
// committee with its 栏目, a user and a manager; the new user signs in with the one-time
// password, must change it, and drafts a report only 泉州's people can see; the admin
// deactivates them mid-session and their next click signs them out. And signing out ends the
// session on the server and clears the browser's unsaved-text backups.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signIn, signedIn, sql } from "../support/browser";

const NEW_PASSWORD = "刺桐花开满城红-2026";

async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on("dialog", (dialog) => void dialog.accept());
  return { context, page };
}

/** Creates a user on the users page and returns the one-time password shown once. */
async function createUser(page: Page, username: string, displayName: string): Promise<string> {
  const form = page.locator("[data-testid=create-user]");
  await form.getByLabel("用户名").fill(username);
  await form.getByLabel("姓名").fill(displayName);
  await form.getByRole("button", { name: "新建用户" }).click();
  const secret = form.locator("[data-testid=one-time-password]");
  await form.locator("[data-testid=action-notice]", { hasText: username }).waitFor();
  return (await secret.textContent())!.trim();
}

async function addMember(page: Page, username: string, role: string) {
  const form = page.locator("[data-testid=add-member]");
  await form.getByLabel("用户名").fill(username);
  await form.getByLabel("角色", { exact: true }).selectOption({ label: role });
  await form.getByRole("button", { name: "添加成员" }).click();
  await page.locator(`[data-testid=member-list] li[data-username="${username}"]`).waitFor();
}

/** First sign-in with a one-time password: sent to the password page until a new one is set. */
async function firstSignIn(browser: Browser, username: string, oneTimePassword: string) {
  const { context, page } = await newPage(browser);
  await signIn(page, username, oneTimePassword);
  await page.waitForURL(/\/studio\/account\/password$/);
  await expect(page.locator("[data-testid=must-change]").textContent()).resolves.toContain("一次性密码");
  // Nothing else opens meanwhile.
  await page.goto(`${baseUrl()}/studio/reports/new`);
  await page.waitForURL(/\/studio\/account\/password$/);
  // Nor do the API routes, which cannot redirect: they refuse in words.
  const autosave = await page.request.put(`${baseUrl()}/api/reports/any-report/draft`, { data: { expectedVersion: 1, fields: { title: "标题" } } });
  expect(autosave.status()).toBe(403);
  expect((await autosave.json()).error).toContain("一次性密码");
  const form = page.locator("[data-testid=change-password]");
  await form.getByLabel("当前密码").fill(oneTimePassword);
  await form.getByLabel("新密码", { exact: true }).fill("1234567890");
  await form.getByLabel("再次输入新密码").fill("1234567890");
  await form.getByRole("button", { name: "保存新密码" }).click();
  await expect(form.locator("[data-testid=action-error]").textContent()).resolves.toContain("太常见");
  await form.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
  await form.getByLabel("再次输入新密码").fill(NEW_PASSWORD);
  await form.getByRole("button", { name: "保存新密码" }).click();
  await page.waitForURL(/\/studio$/);
  return { context, page };
}

describe.skipIf(!browserAvailable())("administration", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    // The browser tests share one database: leave the demo world as the other files expect it
    // (e.g. studio-roles lists exactly the admin's committees).
    await sql(`DELETE FROM "Report" WHERE "committeeId" IN (SELECT id FROM "Committee" WHERE slug = 'quanzhou')`);
    await sql(`DELETE FROM "Committee" WHERE slug = 'quanzhou'`);
    await sql(`DELETE FROM "User" WHERE username IN ('qz-editor', 'qz-manager')`);
  });

  it("admin sets up 泉州; its new editor drafts there, unseen by others, and is signed out when deactivated", async () => {
    const admin = await signedIn(browser, "admin", DEMO_PASSWORD);
    admin.page.on("dialog", (dialog) => void dialog.accept());
    const a = admin.page;

    // Before joining anything, the admin's 新建稿件 says what to do instead of a dead end.
    await a.getByRole("link", { name: "新建稿件" }).click();
    await a.locator("[data-testid=no-committee]", { hasText: "把自己添加进去" }).waitFor();

    await a.getByRole("link", { name: "系统管理" }).click();
    await a.getByRole("link", { name: "工委管理" }).click();
    const create = a.locator("[data-testid=create-committee]");
    await create.getByLabel("英文标识（用于网址）").fill("泉州");
    await create.getByLabel("全称").fill("泉州市直机关工委");
    await create.getByLabel("城市").fill("泉州");
    await create.getByLabel("栏目（每行一个）").fill("工作动态\n理论学习");
    await create.getByRole("button", { name: "新建工委" }).click();
    await create.locator("[data-testid=action-error]", { hasText: "小写英文字母" }).waitFor();
    await create.getByLabel("英文标识（用于网址）").fill("xiamen");
    await create.getByRole("button", { name: "新建工委" }).click();
    await create.locator("[data-testid=action-error]", { hasText: "英文标识「xiamen」已被其他工委使用" }).waitFor();
    await create.getByLabel("英文标识（用于网址）").fill("quanzhou");
    await create.getByRole("button", { name: "新建工委" }).click();
    await a.locator('[data-testid=committee-list] li[data-committee="quanzhou"]').waitFor();

    await a.getByRole("link", { name: "系统管理" }).click();
    await a.getByRole("link", { name: "用户管理" }).click();
    const editorPassword = await createUser(a, "qz-editor", "泉州编辑");
    const managerPassword = await createUser(a, "qz-manager", "泉州管理员");
    expect(editorPassword).not.toBe(managerPassword);

    await a.getByRole("link", { name: "系统管理" }).click();
    await a.getByRole("link", { name: "工委管理" }).click();
    await a.locator('[data-testid=committee-list] li[data-committee="quanzhou"]').getByRole("link", { name: /成员/ }).click();
    await addMember(a, "qz-manager", "工委管理员");
    await addMember(a, "qz-editor", "编辑");

    // The new editor: one-time password, forced change, then a draft in 泉州 under a listed 栏目.
    const editor = await firstSignIn(browser, "qz-editor", editorPassword);
    const e = editor.page;
    await e.getByRole("link", { name: "新建稿件" }).click();
    await e.getByLabel("标题").fill("泉州市直机关党建工作动态");
    await e.getByRole("button", { name: "创建并开始编辑" }).click();
    await e.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
    const reportUrl = e.url();
    const columnSelect = e.getByLabel("栏目");
    expect(await columnSelect.locator("option").allTextContents()).toEqual(["（不选栏目）", "工作动态", "理论学习"]);
    await columnSelect.selectOption("工作动态");
    const status = e.locator("[data-testid=save-status]");
    await status.filter({ hasText: "已保存" }).waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await sql<{ column: string; slug: string }>(`SELECT r."column", c.slug FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId" WHERE r.title = $1`, ["泉州市直机关党建工作动态"]))[0])
      .toEqual({ column: "工作动态", slug: "quanzhou" });

    // 泉州's manager sees it; another committee's editor gets 404.
    const manager = await firstSignIn(browser, "qz-manager", managerPassword);
    expect((await manager.page.goto(reportUrl))?.status()).toBe(200);
    const xiamen = await signedIn(browser, "xiamen-editor", DEMO_PASSWORD);
    expect((await xiamen.page.goto(reportUrl))?.status()).toBe(404);
    await xiamen.context.close();

    // The manager renames a 栏目: the old public URL answers 308 to the new one.
    await manager.page.getByRole("link", { name: "系统管理" }).click();
    await manager.page.getByRole("link", { name: "栏目" }).click();
    const row = manager.page.locator('[data-testid=column-list] li[data-column="理论学习"]');
    await row.getByLabel("理论学习 新名称").fill("理论武装");
    await row.getByRole("button", { name: "改名" }).click();
    await manager.page.locator('[data-testid=column-list] li[data-column="理论武装"]').waitFor();
    const old = await fetch(`${baseUrl()}/columns/${encodeURIComponent("理论学习")}`, { redirect: "manual" });
    expect(old.status).toBe(308);
    expect(old.headers.get("location")).toContain(`/columns/${encodeURIComponent("理论武装")}`);
    await manager.context.close();

    // Deactivated mid-session: the editor's next click lands on sign-in.
    await a.getByRole("link", { name: "系统管理" }).click();
    await a.getByRole("link", { name: "用户管理" }).click();
    await a.locator('[data-testid=user-list] li[data-username="qz-editor"]').getByRole("button", { name: "停用" }).click();
    await a.locator('[data-testid=user-list] li[data-username="qz-editor"] [data-testid=user-status]', { hasText: "已停用" }).waitFor();
    await e.getByRole("link", { name: "我的稿件" }).click();
    await e.waitForURL(/\/signin/);
    await editor.context.close();
    await admin.context.close();
  });

  it("typed addresses /admin, /studio/users and /login lead to the pages, which still check who asks", async () => {
    const expected: [string, string][] = [
      ["/admin", "/studio/admin"],
      ["/admin/committees", "/studio/admin/committees"],
      ["/studio/users", "/studio/admin/users"],
      ["/studio/committees", "/studio/admin/committees"],
      ["/login", "/signin"],
    ];
    for (const [typed, target] of expected) {
      const answer = await fetch(`${baseUrl()}${typed}`, { redirect: "manual" });
      expect(answer.status, typed).toBe(307);
      expect(new URL(answer.headers.get("location")!, baseUrl()).pathname, typed).toBe(target);
    }
    // An editor following /admin is refused by the administration page itself.
    const { context, page } = await signedIn(browser, "fuzhou-editor", DEMO_PASSWORD);
    const response = await page.goto(`${baseUrl()}/admin/users`);
    expect(new URL(page.url()).pathname).toBe("/studio/admin/users");
    expect(response?.status()).toBeGreaterThanOrEqual(400);
    await context.close();
  });

  it("signing out ends the session on the server and clears unsaved-text backups", async () => {
    const { context, page } = await signedIn(browser, "fuzhou-editor", DEMO_PASSWORD);
    await page.evaluate(() => {
      localStorage.setItem("cms:unsaved:some-report", JSON.stringify({ version: 1 }));
      localStorage.setItem("cms:unsaved:another", "{}");
    });
    const copied = await context.cookies();
    await page.getByRole("button", { name: "退出登录" }).click();
    await page.waitForURL(/\/signin/);
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("cms:unsaved:")));
    expect(left).toEqual([]);
    await context.close();

    // The cookie copied before sign-out no longer opens the studio.
    const replay = await browser.newContext();
    await replay.addCookies(copied);
    const replayPage = await replay.newPage();
    await replayPage.goto(`${baseUrl()}/studio`);
    await replayPage.waitForURL(/\/signin/);
    await replay.close();
  });

  it("lists one's own sessions and signs out everywhere", async () => {
    const first = await signedIn(browser, "zhangzhou-editor", DEMO_PASSWORD);
    const second = await signedIn(browser, "zhangzhou-editor", DEMO_PASSWORD);
    await second.page.getByRole("link", { name: "我的账号" }).click();
    await second.page.locator('[data-testid=session-list] li[data-current="true"]').waitFor();
    expect(await second.page.locator("[data-testid=session-list] li").count()).toBeGreaterThanOrEqual(2);
    await expect(second.page.locator('[data-testid=session-list] li[data-current="true"]').textContent()).resolves.toContain("Chrome");
    second.page.on("dialog", (dialog) => void dialog.accept());
    await second.page.getByRole("button", { name: "退出所有设备" }).click();
    await second.page.waitForURL(/\/signin/);
    await first.page.goto(`${baseUrl()}/studio`);
    await first.page.waitForURL(/\/signin/);
    await first.context.close();
    await second.context.close();
  });
});
