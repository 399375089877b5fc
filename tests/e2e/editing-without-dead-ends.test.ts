import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signedIn, sql } from "../support/browser";
import { caretAtEndOf, waitSavedAfterEdit } from "../support/editor";

// Editing as people do it, where it used to lead nowhere: a link that swallowed what was typed
// and pasted after it; continuous typing that was never saved; a published report whose edit
// page did not say what was happening; a reviewer with no approve button and no reason why.

const as = (browser: Browser, username: string) => signedIn(browser, username, DEMO_PASSWORD);
const body = (page: Page) => page.locator(".ProseMirror").first();

/** Opens a report's editing page once its body has rendered. */
async function openReport(page: Page, reportId: string) {
  await page.goto(`${baseUrl()}/studio/reports/${reportId}`);
  await body(page).locator("p").first().waitFor();
}

type Mark = { type: string; attrs?: { href?: string } };
type Inline = { type: string; text?: string; marks?: Mark[] };

async function savedContent(reportId: string) {
  const [row] = await sql<{ content: { content: { content?: Inline[] }[] }; status: string }>(`SELECT content, status FROM "Report" WHERE id = $1`, [reportId]);
  return row!;
}

/** Every run of text in the saved body that carries a link, as "text → href". */
async function linkedRuns(reportId: string): Promise<string[]> {
  const { content } = await savedContent(reportId);
  return content.content.flatMap((block) =>
    (block.content ?? []).flatMap((node) => {
      const link = node.marks?.find((m) => m.type === "link");
      return link ? [`${node.text} → ${link.attrs?.href}`] : [];
    }),
  );
}

/** Pastes plain text the way a browser does: a paste event carrying text/plain. */
async function pastePlainText(page: Page, text: string) {
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    document.querySelector(".ProseMirror")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function newReport(page: Page, title: string): Promise<string> {
  await page.goto(`${baseUrl()}/studio/reports/new`);
  await page.getByLabel("标题").fill(title);
  await page.getByRole("button", { name: "创建并开始编辑" }).click();
  await page.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
  return page.url().split("/").at(-1)!;
}

describe.skipIf(!browserAvailable())("editing without dead ends", () => {
  let browser: Browser;
  let reportId = "";
  const title = `两人审核测试 ${Date.now()}`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("ends a link where the person ended it, for typing and for pasting", async () => {
    const { context, page } = await as(browser, "zhangzhou-editor");
    reportId = await newReport(page, title);
    await body(page).click();
    await page.keyboard.type("请登录中国政府网");
    // Select 中国政府网 and make it a link.
    for (let i = 0; i < 5; i++) await page.keyboard.press("Shift+ArrowLeft");
    await page.getByRole("button", { name: /^链接/ }).click();
    await page.getByLabel("链接地址").fill("https://www.gov.cn");
    await page.getByLabel("链接地址").press("Enter");
    await body(page).click();
    await caretAtEndOf(page, "请登录中国政府网");
    await page.keyboard.press("End");
    await page.keyboard.type("查询相关政策。");
    await pastePlainText(page, "市直机关工委召开专题会议。\n会议强调，要把学习贯彻党的二十大精神引向深入。");
    await waitSavedAfterEdit(page);

    expect(await linkedRuns(reportId)).toEqual(["中国政府网 → https://www.gov.cn"]);
    const text = await body(page).textContent();
    expect(text).toContain("请登录中国政府网查询相关政策。市直机关工委召开专题会议。");
    expect(text).toContain("会议强调，要把学习贯彻党的二十大精神引向深入。");
    await context.close();
  });

  it("keeps the workflow buttons disabled until the page can act on a click", async () => {
    const { context, page } = await as(browser, "zhangzhou-editor");
    // The page as it arrives, before its script runs: a click there would do nothing.
    const before = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
    const raw = await before.newPage();
    await raw.goto(`${baseUrl()}/studio/reports/${reportId}`);
    await expect(raw.getByRole("button", { name: "提交审核" }).isDisabled()).resolves.toBe(true);
    await before.close();
    // Once hydrated, the same button acts.
    await openReport(page, reportId);
    await expect.poll(() => page.getByRole("button", { name: "提交审核" }).isEnabled()).toBe(true);
    await context.close();
  });

  it("saves while someone types without pausing, not only when they stop", async () => {
    const { context, page } = await as(browser, "zhangzhou-editor");
    await openReport(page, reportId);
    await caretAtEndOf(page);
    const before = (await sql<{ version: number }>(`SELECT version FROM "Report" WHERE id = $1`, [reportId]))[0]!.version;
    // 64 characters, a keystroke every 250 ms: never the 2-second pause autosave waits for.
    let typing = true;
    const typed = page.keyboard.type("持续输入".repeat(16), { delay: 250 }).finally(() => (typing = false));
    let savedWhileTyping = false;
    while (typing) {
      const [row] = await sql<{ version: number; plainText: string }>(`SELECT version, "plainText" FROM "Report" WHERE id = $1`, [reportId]);
      if (row!.version > before && row!.plainText.includes("持续输入")) {
        savedWhileTyping = typing;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await typed;
    expect(savedWhileTyping).toBe(true);
    await waitSavedAfterEdit(page).catch(() => {}); // the last keystrokes may already be saved
    await page.locator("[data-testid=save-status]").filter({ hasText: "已保存" }).waitFor({ timeout: 15_000 });
    await context.close();
  });

  it("explains the two-person rule to a reviewer who wrote in the edition, and names who can approve", async () => {
    // The reviewer adds a sentence to the draft; the editor saves after them and submits.
    const reviewer = await as(browser, "zhangzhou-reviewer");
    await openReport(reviewer.page, reportId);
    await caretAtEndOf(reviewer.page);
    await reviewer.page.keyboard.press("Enter");
    await reviewer.page.keyboard.insertText("审核人补充的一句话。");
    await waitSavedAfterEdit(reviewer.page);

    const editor = await as(browser, "zhangzhou-editor");
    await openReport(editor.page, reportId);
    await caretAtEndOf(editor.page);
    await editor.page.keyboard.insertText("编辑最后修改。");
    await waitSavedAfterEdit(editor.page);
    await editor.page.getByRole("button", { name: "提交审核" }).click();
    await editor.page.locator("[data-testid=awaiting-review]").waitFor();
    expect(await editor.page.locator("[data-testid=awaiting-review]").textContent()).toContain("跨工委用户");

    await reviewer.page.goto(`${baseUrl()}/studio/reports/${reportId}`);
    const note = reviewer.page.locator("[data-testid=two-person-rule]");
    await note.waitFor();
    expect(await note.textContent()).toContain("两人审核");
    expect(await note.textContent()).toContain("可以审核通过的人：跨工委用户");
    expect(await reviewer.page.getByRole("button", { name: "审核通过并发布" }).count()).toBe(0);
    await reviewer.context.close();
    await editor.context.close();

    // The reviewer who did not write in it approves.
    const other = await as(browser, "multi");
    await other.page.goto(`${baseUrl()}/studio/reports/${reportId}`);
    await other.page.getByRole("button", { name: "审核通过并发布" }).click();
    await other.page.locator("text=已发布").first().waitFor();
    await other.context.close();
    expect((await savedContent(reportId)).status).toBe("PUBLISHED");
  });

  it("makes editing a published report an explicit step that leaves the live edition online", async () => {
    const { context, page } = await as(browser, "zhangzhou-editor");
    await openReport(page, reportId);
    const offer = page.locator("[data-testid=new-edition-offer]");
    await offer.waitFor();
    expect(await body(page).getAttribute("contenteditable")).toBe("false");

    await offer.getByRole("button", { name: "修改已发布稿件" }).click();
    await page.locator("[data-testid=new-edition-drafting]").waitFor();
    expect(await page.locator("[data-testid=new-edition-drafting]").textContent()).toContain("公开网站仍显示原来的版本");
    await page.getByRole("button", { name: "提交审核" }).waitFor();
    await caretAtEndOf(page);
    await page.keyboard.press("Enter");
    await page.keyboard.insertText("新版本补充的内容。");
    await waitSavedAfterEdit(page);
    expect((await savedContent(reportId)).status).toBe("DRAFT");

    const reader = await browser.newPage();
    await reader.goto(`${baseUrl()}/reports/${reportId}`);
    const article = await reader.locator("article").first().textContent();
    expect(article).toContain("审核人补充的一句话。");
    expect(article).not.toContain("新版本补充的内容。");
    await reader.close();

    // Submit is offered at once, and the reviewers are told.
    await page.getByRole("button", { name: "提交审核" }).click();
    await page.locator("text=待审核").first().waitFor();
    await context.close();
  });
});
