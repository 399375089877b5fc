import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signedIn, sql } from "../support/browser";
import { waitSavedAfterEdit } from "../support/editor";

// Proofreading as people meet it: an underlined near-miss fixed in one click, the checklist at
// submit, the redacted speech that no reviewer can approve, a warning acknowledged with a
// reason that the history keeps.

const as = (browser: Browser, username: string) => signedIn(browser, username, DEMO_PASSWORD);
const body = (page: Page) => page.locator(".ProseMirror").first();
const findings = (page: Page) => page.locator("[data-testid=proofread-panel] [data-testid=proofread-finding]");

describe.skipIf(!browserAvailable())("proofreading in the workflow", () => {
  let browser: Browser;
  let reportId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("underlines a near-miss of a standard formulation while the editor types, and fixes it in one click", async () => {
    const { context, page } = await as(browser, "fuzhou-editor");
    await page.goto(`${baseUrl()}/studio/reports/new`);
    await page.getByLabel("标题").fill(`校对测试 ${Date.now()}`);
    await page.getByRole("button", { name: "创建并开始编辑" }).click();
    await page.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
    reportId = page.url().split("/").at(-1)!;
    await body(page).click();
    await page.keyboard.type("全体党员要不忘初心、牢记始命，会议强调,要再接再励。");

    const underline = page.locator(".ProseMirror .proofread-mark.is-warning", { hasText: "牢记始命" });
    await underline.waitFor();
    const item = findings(page).filter({ hasText: "牢记始命" });
    await item.getByRole("button", { name: "改为「不忘初心、牢记使命」" }).click();
    await expect.poll(() => body(page).textContent()).toContain("不忘初心、牢记使命");
    await underline.waitFor({ state: "detached" });
    await waitSavedAfterEdit(page);
    const [row] = await sql<{ plainText: string }>(`SELECT "plainText" FROM "Report" WHERE id = $1`, [reportId]);
    expect(row!.plainText).toContain("不忘初心、牢记使命");
    await context.close();
  });

  it("lists what remains before submitting, and submits only when asked to", async () => {
    const { context, page } = await as(browser, "fuzhou-editor");
    await page.goto(`${baseUrl()}/studio/reports/${reportId}`);
    await findings(page).first().waitFor();
    await page.getByRole("button", { name: "提交审核" }).click();
    const checklist = page.locator("[data-testid=submit-checklist]");
    await checklist.waitFor();
    const listed = await checklist.locator("[data-testid=proofread-finding]").allTextContents();
    expect(listed.join("\n")).toContain("再接再励");
    expect(listed.join("\n")).toContain("应使用全角标点");
    await checklist.getByRole("button", { name: "返回修改" }).click();
    expect((await sql<{ status: string }>(`SELECT status FROM "Report" WHERE id = $1`, [reportId]))[0]!.status).toBe("DRAFT");

    await page.getByRole("button", { name: "提交审核" }).click();
    await checklist.getByRole("button", { name: "仍然提交" }).click();
    await page.locator("text=待审核").first().waitFor();
    await context.close();
  });

  it("lets a reviewer publish over warnings only with a reason, which the history keeps", async () => {
    const { context, page } = await as(browser, "fuzhou-reviewer");
    await page.goto(`${baseUrl()}/studio/reports/${reportId}`);
    await findings(page).first().waitFor();
    await page.getByRole("button", { name: "审核通过并发布" }).click();
    const dialog = page.getByRole("dialog", { name: "确认校对提示" });
    await dialog.locator("[data-testid=acknowledge-list] [data-testid=proofread-finding]").first().waitFor();
    await dialog.getByRole("button", { name: "确认并发布" }).click();
    await dialog.getByText("确认校对提示时请写明理由").waitFor();
    await dialog.getByLabel("确认理由（必填，记入流程记录）").fill("“再接再励”为引用标语原文，保留");
    await dialog.getByRole("button", { name: "确认并发布" }).click();
    await page.locator("text=已发布").first().waitFor();

    await page.goto(`${baseUrl()}/studio/reports/${reportId}/history`);
    const events = await page.locator("[data-testid=events]").textContent();
    expect(events).toContain("确认校对提示");
    expect(events).toContain("“再接再励”为引用标语原文，保留");
    expect(events).toContain("福州审核人");
    await context.close();
  });

  it("shows the reviewer every placeholder of the redacted speech and offers no way to approve it", async () => {
    const { context, page } = await as(browser, "sample-city-reviewer");
    const [speech] = await sql<{ id: string; plainText: string }>(
      `SELECT r.id, r."plainText" FROM "Report" r JOIN "Committee" c ON c.id = r."committeeId" WHERE c.slug = 'sample-city' AND r.status = 'SUBMITTED' LIMIT 1`,
    );
    await page.goto(`${baseUrl()}/studio/reports/${speech!.id}`);
    await page.locator("[data-testid=approve-blocked]").waitFor();
    expect(await page.getByRole("button", { name: "审核通过并发布" }).isDisabled()).toBe(true);
    const marks = page.locator(".ProseMirror .proofread-mark.is-error");
    await marks.first().waitFor();
    const placeholders = speech!.plainText.match(/\*+/g) ?? [];
    expect(placeholders.length).toBeGreaterThan(0);
    const marked = (await marks.allTextContents()).filter((text) => /^\*+$/.test(text));
    expect(marked).toEqual(placeholders);
    await context.close();
  });
});
