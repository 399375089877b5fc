// Issue 10: import a Word/WPS/text report through the studio — recognised fields and body side by
// side with the warnings, then the draft — and download a report as .docx.
import { readFileSync } from "node:fs";
import mammoth from "mammoth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signedIn, sql } from "../support/browser";

describe.skipIf(!browserAvailable())("import and export", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("previews fields and body side by side with warnings, creates the draft, and exports it as .docx", async () => {
    const { page } = await signedIn(browser, "xiamen-editor", DEMO_PASSWORD);
    await page.goto(`${baseUrl()}/studio/reports`);
    await page.getByRole("link", { name: "导入 Word/文本" }).click();
    await page.waitForURL(/\/studio\/reports\/import$/);

    await page.getByLabel("选择文件").setInputFiles({
      name: "xiamen-2022.txt",
      mimeType: "text/plain",
      buffer: readFileSync("prisma/seed-data/samples/xiamen-2022.txt"),
    });
    await page.getByRole("button", { name: "预览识别结果" }).click();

    const fields = page.getByTestId("import-fields");
    const body = page.getByTestId("import-body");
    await expect.poll(() => fields.locator('[data-field="title"]').textContent()).toBe("凝心铸魂担使命 踔厉奋发谱新篇");
    expect(await fields.locator('[data-field="subtitle"]').textContent()).toBe("市直机关持续兴起学习宣传贯彻党的二十大精神热潮");
    expect(await body.locator("figure.report-figure-pending").count()).toBe(5);
    expect(await body.locator("h3").count()).toBe(4);
    expect(await page.getByTestId("import-warnings").textContent()).toContain("5 段图片说明");
    // Side by side: the fields column is left of the body column.
    const [fieldsBox, bodyBox] = [await fields.boundingBox(), await body.boundingBox()];
    expect(fieldsBox!.x + fieldsBox!.width).toBeLessThanOrEqual(bodyBox!.x + 1);
    expect(Math.abs(fieldsBox!.y - bodyBox!.y)).toBeLessThan(40);

    await page.getByRole("button", { name: "创建草稿" }).click();
    await page.waitForURL(/\/studio\/reports\/(?!import$)[^/]+$/);
    const id = page.url().split("/").at(-1)!;
    const [revision] = await sql<{ reason: string }>(`SELECT reason::text FROM "Revision" WHERE "reportId" = $1`, [id]);
    expect(revision?.reason).toBe("IMPORT");

    const download = await page.request.get(`${baseUrl()}/studio/reports/${id}/export.docx`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain(encodeURIComponent("凝心铸魂担使命"));
    const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(await download.body()) });
    expect(html).toContain("凝心铸魂担使命 踔厉奋发谱新篇");
    expect(html).toContain("市直机关工委为机关青年理论宣讲“轻骑兵”颁发聘书。");
    expect(await page.getByTestId("export-docx").getAttribute("href")).toBe(`/studio/reports/${id}/export.docx`);
  });

  it("refuses a disguised file with a Chinese message and a 4xx, creating nothing", async () => {
    const { page } = await signedIn(browser, "xiamen-editor", DEMO_PASSWORD);
    const [before] = await sql<{ count: string }>(`SELECT count(*)::text AS count FROM "Report"`);
    await page.goto(`${baseUrl()}/studio/reports/import`);
    await page.getByLabel("选择文件").setInputFiles({ name: "page.docx", mimeType: "application/octet-stream", buffer: Buffer.from("<html><body>x</body></html>") });
    const [answer] = await Promise.all([page.waitForResponse((response) => response.url().endsWith("/api/import")), page.getByRole("button", { name: "预览识别结果" }).click()]);
    expect(answer.status()).toBe(422);
    await expect.poll(() => page.locator('p[role="alert"]').textContent()).toContain("不是 Word 或 WPS 文档");
    const [after] = await sql<{ count: string }>(`SELECT count(*)::text AS count FROM "Report"`);
    expect(after?.count).toBe(before?.count);
    const other = await page.request.get(`${baseUrl()}/studio/reports/does-not-exist/export.docx`);
    expect(other.status()).toBe(404);
  });
});
