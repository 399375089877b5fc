import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signedIn } from "../support/browser";
import { caretAtEndOf, waitSavedAfterEdit } from "../support/editor";

const as = (browser: Browser, username: string) => signedIn(browser, username, DEMO_PASSWORD);

async function newReport(page: Page, title: string, text: string): Promise<string> {
  await page.goto(`${baseUrl()}/studio/reports/new`);
  await page.getByLabel("标题").fill(title);
  await page.getByRole("button", { name: "创建并开始编辑" }).click();
  await page.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
  await page.locator(".ProseMirror").first().click();
  await page.keyboard.insertText(text);
  await waitSavedAfterEdit(page);
  return page.url();
}

describe.skipIf(!browserAvailable())("no word is lost, and the clock publishes", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("resolves a conflict between two tabs without losing either text", async () => {
    const { context, page: tabA } = await as(browser, "fuzhou-editor");
    const url = await newReport(tabA, `冲突测试 ${Date.now()}`, "共同的开头。");
    const tabB = await context.newPage();
    await tabB.goto(url);
    await tabB.locator(".ProseMirror").first().waitFor();

    await caretAtEndOf(tabA);
    await tabA.keyboard.press("Enter");
    await tabA.keyboard.insertText("甲方新增：十一月二十三日召开会议。");
    await waitSavedAfterEdit(tabA);

    await caretAtEndOf(tabB);
    await tabB.keyboard.press("Enter");
    await tabB.keyboard.insertText("乙方新增：共有九个成员单位参加。");
    const conflict = tabB.locator("[data-testid=conflict]");
    await conflict.waitFor({ timeout: 15_000 });
    // Both texts are on screen, side by side.
    await expect(conflict.textContent()).resolves.toContain("甲方新增：十一月二十三日召开会议。");
    await expect(conflict.textContent()).resolves.toContain("乙方新增：共有九个成员单位参加。");

    // Merge by hand: keep B's text and add A's sentence, then save on top of A's version.
    await conflict.getByRole("button", { name: "手动合并" }).click();
    await caretAtEndOf(tabB);
    await tabB.keyboard.press("Enter");
    await tabB.keyboard.insertText("甲方新增：十一月二十三日召开会议。");
    await waitSavedAfterEdit(tabB);

    const fresh = await context.newPage();
    await fresh.goto(url);
    const text = await fresh.locator(".ProseMirror").first().textContent();
    expect(text).toContain("共同的开头。");
    expect(text).toContain("乙方新增：共有九个成员单位参加。");
    expect(text).toContain("甲方新增：十一月二十三日召开会议。");
    await context.close();
  });

  it("saves what was typed just before the tab was closed", async () => {
    const { context, page } = await as(browser, "zhuzhou-editor");
    const url = await newReport(page, `关闭测试 ${Date.now()}`, "已保存的内容。");
    await caretAtEndOf(page);
    await page.keyboard.insertText("关闭前刚写的内容。");
    await page.waitForTimeout(400); // typed, but well before the 2-second autosave
    await page.close();
    const again = await context.newPage();
    await again.goto(url);
    await expect(again.locator(".ProseMirror").first().textContent()).resolves.toContain("关闭前刚写的内容。");
    await context.close();
  });

  it("keeps unsaved text in the browser through a failing network and a crash, and offers it back", async () => {
    const { context, page } = await as(browser, "zhuzhou-editor");
    const url = await newReport(page, `断网测试 ${Date.now()}`, "已保存的内容。");
    await page.route("**/api/reports/*/draft", (route) => route.abort("internetdisconnected"));
    await caretAtEndOf(page);
    await page.keyboard.insertText("断网时写的内容。");
    await page.locator("[data-testid=save-status]", { hasText: "保存失败，正在重试" }).waitFor({ timeout: 15_000 });
    // The browser dies: no unload handlers, no last save.
    const cdp = await context.newCDPSession(page);
    const crashed = page.waitForEvent("crash");
    void cdp.send("Page.crash").catch(() => {}); // never answers: the page is gone
    await crashed;

    const again = await context.newPage();
    await again.goto(url);
    await expect(again.locator(".ProseMirror").first().textContent()).resolves.not.toContain("断网时写的内容");
    const offer = again.locator("[data-testid=backup-offer]");
    await offer.waitFor();
    await offer.getByRole("button", { name: "恢复这些内容" }).click();
    await expect(again.locator(".ProseMirror").first().textContent()).resolves.toContain("断网时写的内容。");
    await waitSavedAfterEdit(again);
    const reloaded = await context.newPage();
    await reloaded.goto(url);
    await expect(reloaded.locator(".ProseMirror").first().textContent()).resolves.toContain("断网时写的内容。");
    await expect(reloaded.locator("[data-testid=backup-offer]").count()).resolves.toBe(0);
    await context.close();
  });

  it("publishes a scheduled report at its time, and a taken-down report answers 410", async () => {
    const stamp = String(Date.now());
    const title = `定时发布 ${stamp}`;
    const searchUrl = `${baseUrl()}/search?q=${stamp}`;
    const editor = await as(browser, "zhangzhou-editor");
    const url = await newReport(editor.page, title, "定时发布的正文。");
    await editor.page.getByRole("button", { name: "提交审核" }).click();
    await editor.page.locator("text=待审核").first().waitFor();
    await editor.context.close();

    const reviewer = await as(browser, "zhangzhou-reviewer");
    await reviewer.page.goto(url);
    await reviewer.page.getByRole("button", { name: "定时发布" }).click();
    // The time field takes whole seconds.
    const at = new Date(Math.floor((Date.now() + 12_000) / 1000) * 1000);
    const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    await reviewer.page.getByLabel("发布时间").fill(local);
    await reviewer.page.getByRole("dialog").getByRole("button", { name: "定时发布" }).click();
    await reviewer.page.locator("text=将于").waitFor();

    const publicUrl = url.replace("/studio/reports/", "/reports/");
    const reader = await browser.newPage();
    expect((await reader.goto(publicUrl))?.status()).toBe(404);
    // Search answers are kept by the front server's cache too: this "no results" page is.
    await reader.goto(searchUrl);
    await reader.getByTestId("search-no-results").waitFor();
    expect((await reader.goto(searchUrl))?.headers()["x-cache"]).toBe("HIT");
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      status = (await reader.goto(publicUrl))?.status() ?? 0;
    }
    expect(status).toBe(200);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
    await expect(reader.locator("h1").textContent()).resolves.toBe(title);
    // The cached home page was refreshed by the publication too.
    await reader.goto(baseUrl());
    await expect(reader.locator("[data-testid=latest-reports]").textContent()).resolves.toContain(title);
    await reader.goto(searchUrl);
    await expect(reader.getByTestId("search-results").textContent()).resolves.toContain(title);

    await reviewer.page.reload();
    await reviewer.page.getByRole("button", { name: "撤稿" }).click();
    await reviewer.page.getByRole("dialog").locator("textarea").fill("信息有误");
    await reviewer.page.getByRole("dialog").getByRole("button", { name: "撤稿" }).click();
    await reviewer.page.locator("text=已撤稿").first().waitFor();
    // Gone from the cached home page at the next request: the takedown purged it.
    await reader.goto(baseUrl());
    await expect(reader.locator("[data-testid=latest-reports]").textContent()).resolves.not.toContain(title);
    await reader.goto(searchUrl);
    await reader.getByTestId("search-no-results").waitFor();
    const gone = await reader.goto(publicUrl);
    expect(gone?.status()).toBe(410);
    await expect(reader.locator("h1").textContent()).resolves.toBe("该稿件已撤下");
    await reader.close();
    await reviewer.context.close();
  });
});
