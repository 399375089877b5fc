// The audit log viewer and the 报送 statistics in Chromium: an admin filters the log and exports
// it; the statistics show this month's figures and export CSV and .xlsx; a reviewer sees only
// their committee; an editor is refused (403, in Chinese).
import fs from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, e2eDatabaseUrl, launchBrowser, signedIn } from "../support/browser";

const TITLE = "审计与统计端到端测试稿件";

async function downloadOf(page: Page, testId: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return fs.readFileSync((await download.path())!);
}

describe.skipIf(!browserAvailable())("audit log and statistics", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    // Arrange this month's work through the real commands, on the site's database.
    process.env.DATABASE_URL = e2eDatabaseUrl();
    const { createPrismaClient } = await import("@/lib/db/client");
    const { loadSessionUser } = await import("@/lib/auth/actor");
    const db = createPrismaClient(e2eDatabaseUrl(), { max: 2 });
    const person = async (username: string) => {
      const u = await db.user.findUniqueOrThrow({ where: { username } });
      return (await loadSessionUser(db, { userId: u.id, sessionVersion: u.sessionVersion }))!;
    };
    const editor = await person("xiamen-editor");
    const reviewer = await person("xiamen-reviewer");
    const committeeId = editor.memberships[0]!.committeeId;
    const { createReport } = await import("@/lib/reports/commands/create-report");
    const { saveDraft } = await import("@/lib/reports/commands/save-draft");
    const { submitReport } = await import("@/lib/reports/commands/submit-report");
    const { approveReport } = await import("@/lib/reports/commands/approve-report");
    const { id } = await createReport({ actor: editor, committeeId, fields: { title: TITLE } });
    await saveDraft({ actor: editor, reportId: id, input: { expectedVersion: 1, fields: { title: TITLE }, content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "机关党建工作稳步推进。" }] }] } } });
    await submitReport({ actor: editor, reportId: id });
    await approveReport({ actor: reviewer, reportId: id });
    await db.$disconnect();
  });
  afterAll(() => browser?.close());

  it("lets an admin filter the audit log and export it as CSV", async () => {
    const { context, page } = await signedIn(browser, "admin", DEMO_PASSWORD);
    try {
      await page.goto(`${baseUrl()}/studio/audit`);
      const table = page.getByTestId("audit-table");
      await table.waitFor();
      // Their own sign-in and the approval of the arranged report are there.
      expect(await table.locator('tr[data-action="auth.signin"]').count()).toBeGreaterThan(0);
      expect(await table.locator('tr[data-action="report.approve"]').count()).toBeGreaterThan(0);

      await page.getByLabel("操作").selectOption("report.approve");
      await page.getByLabel("人员（用户名）").fill("xiamen-reviewer");
      await page.getByRole("button", { name: "筛选" }).click();
      await page.waitForURL(/action=report.approve/);
      const actions = await page.getByTestId("audit-table").locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-action")));
      expect(actions.length).toBeGreaterThan(0);
      expect(new Set(actions)).toEqual(new Set(["report.approve"]));
      await expect(page.getByTestId("audit-table").textContent()).resolves.toContain("审核通过并发布");

      const csv = await downloadOf(page, "audit-export");
      expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const text = csv.toString("utf8");
      expect(text).toContain("序号,时间,操作人,操作");
      expect(text).toContain("report.approve");
      expect(text).not.toContain("auth.signin,");
    } finally {
      await context.close();
    }
  });

  it("shows an admin this month's figures, with a chart, and exports CSV and Excel", async () => {
    const { context, page } = await signedIn(browser, "admin", DEMO_PASSWORD);
    try {
      const response = await page.goto(`${baseUrl()}/studio/stats`);
      expect(response?.status()).toBe(200);
      const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
      const row = page.locator(`[data-testid=stats-by-committee] tr[data-committee="厦门市直机关工委"][data-month="${month}"]`);
      await row.waitFor();
      for (const col of ["drafted", "submitted", "published"]) {
        expect(Number(await row.locator(`[data-col=${col}]`).textContent())).toBeGreaterThanOrEqual(1);
      }
      await page.locator("[data-testid=stats-chart][data-ready=true] svg").waitFor();

      const csv = await downloadOf(page, "stats-export-csv");
      expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.toString("utf8")).toContain(`厦门市直机关工委,${month},`);
      const xlsx = await downloadOf(page, "stats-export-xlsx");
      expect(xlsx.subarray(0, 2).toString()).toBe("PK"); // a zip container, as .xlsx is
      const ExcelJS = (await import("exceljs")).default;
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx as unknown as ArrayBuffer);
      const values = book.getWorksheet("按工委和月份")!.getSheetValues().flat();
      expect(values).toEqual(expect.arrayContaining(["厦门市直机关工委", month]));
    } finally {
      await context.close();
    }
  });

  it("shows a reviewer only their own committee", async () => {
    const { context, page } = await signedIn(browser, "xiamen-reviewer", DEMO_PASSWORD);
    try {
      await page.goto(`${baseUrl()}/studio/stats?from=2000-01&to=2099-12`);
      await page.getByTestId("stats-by-committee").waitFor();
      const committees = await page.locator("[data-testid=stats-by-committee] tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-committee")));
      expect(committees.length).toBeGreaterThan(0);
      expect(new Set(committees)).toEqual(new Set(["厦门市直机关工委"]));
      // Not the audit log: that is for site admins.
      const audit = await page.goto(`${baseUrl()}/studio/audit`);
      expect(audit?.status()).toBe(403);
    } finally {
      await context.close();
    }
  });

  it("refuses an editor, in Chinese, with 403", async () => {
    const { context, page } = await signedIn(browser, "xiamen-editor", DEMO_PASSWORD);
    try {
      const stats = await page.goto(`${baseUrl()}/studio/stats`);
      expect(stats?.status()).toBe(403);
      await expect(page.getByTestId("forbidden").textContent()).resolves.toBe("只有系统管理员和审核人可以查看报送统计");
      const exported = await page.request.get(`${baseUrl()}/studio/stats/export?format=xlsx`);
      expect(exported.status()).toBe(403);
      expect(await exported.text()).toBe("只有系统管理员和审核人可以查看报送统计");
      const audit = await page.goto(`${baseUrl()}/studio/audit`);
      expect(audit?.status()).toBe(403);
      await expect(page.getByTestId("forbidden").textContent()).resolves.toBe("只有系统管理员可以查看审计日志");
      expect((await page.request.get(`${baseUrl()}/studio/audit/export`)).status()).toBe(403);
    } finally {
      await context.close();
    }
  });
});
