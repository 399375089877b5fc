import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signedIn } from "../support/browser";
import { approveInWorkspace, caretAtEndOf, submitInWorkspace, waitSavedAfterEdit } from "../support/editor";

// What a person does, end to end: an editor drafts a rich report and submits it; the reviewer
// comments on a passage and asks for changes; the editor fixes, replies and resubmits; the
// reviewer approves; an anonymous reader finds it on the public site.

const as = (browser: Browser, username: string) => signedIn(browser, username, DEMO_PASSWORD);

const body = (page: Page) => page.locator(".ProseMirror").first();

describe.skipIf(!browserAvailable())("the editorial journey", () => {
  let browser: Browser;
  let reportUrl = "";
  const title = `市直机关党建工作综述 ${Date.now()}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("an editor drafts a report with a heading, a list, a table and a captioned figure, and submits it", async () => {
    const { context, page } = await as(browser, "xiamen-editor");
    await page.goto(`${baseUrl()}/studio/reports/new`);
    await page.getByLabel("标题").fill(title);
    await page.getByRole("button", { name: "创建并开始编辑" }).click();
    await page.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
    reportUrl = page.url();

    await body(page).click();
    await page.keyboard.insertText("一、学深学细");
    await page.getByRole("button", { name: /标题二/ }).click();
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.insertText("市直机关工委召开五大党建联创协作组会议，宣讲党的二十大精神。");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: /无序列表/ }).click();
    await page.keyboard.insertText("抓政治统领");
    await page.keyboard.press("Enter");
    await page.keyboard.insertText("抓思想引领");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Enter");
    await page.getByRole("button", { name: /^插入表格|表格/ }).first().click();
    await page.keyboard.insertText("单位");
    await page.keyboard.press("Tab");
    await page.keyboard.insertText("人数");

    await page.getByRole("button", { name: /图片/ }).first().click();
    await page.getByLabel(/图片地址/).fill("/favicon.ico");
    // Alt text is required before publishing (gate figuresHaveAltText).
    await page.getByLabel(/替代文字/).fill("会议现场");
    await page.getByLabel(/图片说明/).fill("市直机关工委召开五大党建联创协作组会议");
    await page.getByLabel(/摄影|署名/).fill("本报记者 黄晓珍 摄");
    await page.getByRole("button", { name: /^(插入|确定)/ }).last().click();

    await page.getByLabel("来源").fill("厦门日报");
    await waitSavedAfterEdit(page);
    await submitInWorkspace(page);
    await context.close();
  });

  it("the reviewer comments on a passage and requests changes", async () => {
    const { context, page } = await as(browser, "xiamen-reviewer");
    await page.goto(`${baseUrl()}/studio/review`);
    await page.getByRole("link", { name: title }).click();
    await page.waitForURL(reportUrl);
    // Select a passage of the read-only body and comment on it.
    await page.evaluate(() => {
      const p = [...document.querySelectorAll(".ProseMirror p")].find((el) => el.textContent?.includes("五大党建联创协作组"))!;
      const text = p.firstChild!;
      const start = text.textContent!.indexOf("五大党建联创协作组");
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + "五大党建联创协作组".length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    await page.getByRole("button", { name: /评论/ }).first().click();
    await page.getByRole("dialog").locator("textarea").fill("请写全会议名称");
    await page.getByRole("button", { name: "发表评论" }).click();
    await page.locator("[data-testid=comment-thread]", { hasText: "请写全会议名称" }).waitFor();

    await page.getByRole("button", { name: "退回修改" }).click();
    await page.getByRole("dialog").locator("textarea").fill("请补充参会单位数量");
    await page.getByRole("dialog").getByRole("button", { name: "退回修改" }).click();
    await page.locator("text=草稿").first().waitFor();
    await context.close();
  });

  it("the editor sees the request and the highlighted passage, fixes it, replies, resolves and resubmits", async () => {
    const { context, page } = await as(browser, "xiamen-editor");
    await expect(page.locator("[data-testid=unread-count]").textContent()).resolves.toMatch(/\d+/);
    await page.goto(reportUrl);
    await expect(page.locator("[data-testid=change-request]").textContent()).resolves.toContain("请补充参会单位数量");
    await expect(page.locator(".ProseMirror .comment-highlight, .ProseMirror [data-comment-id]").first().textContent()).resolves.toContain(
      "五大党建联创协作组",
    );
    // Edit the surrounding text: the comment stays on its passage.
    await caretAtEndOf(page, "五大党建联创协作组");
    await page.keyboard.insertText("9个成员单位参加。");
    await waitSavedAfterEdit(page);
    await expect(page.locator(".ProseMirror .comment-highlight, .ProseMirror [data-comment-id]").first().textContent()).resolves.toContain(
      "五大党建联创协作组",
    );
    const thread = page.locator("[data-testid=comment-thread]", { hasText: "请写全会议名称" });
    await thread.getByPlaceholder("回复…").fill("已补充");
    await thread.getByRole("button", { name: "回复" }).click();
    await page.locator("[data-testid=comment-thread]", { hasText: "已补充" }).waitFor();
    await page.locator("[data-testid=comment-thread]").getByRole("button", { name: "标记为已解决" }).click();
    await page.locator("[data-testid=comment-thread]").getByRole("button", { name: "重新打开" }).waitFor();
    await submitInWorkspace(page);
    await context.close();
  });

  it("the reviewer approves, and an anonymous reader finds it on the public site", async () => {
    const { context, page } = await as(browser, "xiamen-reviewer");
    await page.goto(reportUrl);
    await approveInWorkspace(page, "校对提示已逐条核对，保留原文");
    await context.close();

    const reader = await browser.newPage();
    await reader.goto(baseUrl());
    await reader.getByRole("link", { name: title }).first().click();
    await reader.waitForURL(/\/reports\//);
    await expect(reader.locator("h1").textContent()).resolves.toBe(title);
    const article = reader.locator(".report-body");
    await expect(article.locator("h2").textContent()).resolves.toBe("一、学深学细");
    await expect(article.locator("ul li").allTextContents()).resolves.toEqual(["抓政治统领", "抓思想引领"]);
    await expect(article.locator("table").textContent()).resolves.toContain("单位");
    await expect(article.locator("figcaption").textContent()).resolves.toContain("本报记者 黄晓珍 摄");
    await expect(article.textContent()).resolves.toContain("9个成员单位参加。");
    await expect(reader.locator("article header").textContent()).resolves.toContain("厦门日报");
    await reader.close();
  });
});
