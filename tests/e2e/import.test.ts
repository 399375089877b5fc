// Issue 10: import a Word/WPS/text report through the studio — recognised fields and body side by
// side with the warnings, then the draft — and download a report as .docx.
import { readFileSync } from "node:fs";
import { AlignmentType, Document, ImageRun, Packer, Paragraph, TextRun } from "docx";
import mammoth from "mammoth";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signedIn, sql } from "../support/browser";
import { approveInWorkspace, submitInWorkspace, waitSavedAfterEdit } from "../support/editor";
import { photoJpeg } from "../support/images";

/** A member unit's photo report: two photos with captions, and a ▲ caption whose photo was left out. */
async function photoReportDocx(title: string, stamp: number): Promise<Buffer> {
  const photo = async (seed: number, alt: string) =>
    new ImageRun({ type: "jpg", data: await photoJpeg(1600, 1000, { seed }), transformation: { width: 480, height: 300 }, altText: { name: "photo", title: alt, description: alt } });
  const centred = (text: string) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(text)] });
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, bold: true, size: 44 })] }),
          new Paragraph({ children: [new TextRun("本报讯 近日，市直机关各级党组织组织党员走进社区，开展“我为群众办实事”志愿服务。")] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [await photo(stamp % 1000, "志愿者为老人测量血压")] }),
          centred("党员志愿者在社区开展义拴。（本报记者 黄晓珍 摄）"),
          new Paragraph({ children: [new TextRun("活动中，党员志愿者还为居民讲解了健康知识，发放宣传资料两百余份。")] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [await photo((stamp % 1000) + 1, "机关干部与居民座谈")] }),
          centred("机关干部与社区居民座谈交流。（通讯员 李明 摄）"),
          new Paragraph({ children: [new TextRun("▲市直机关志愿服务队合影（通讯员 王芳 摄）")] }),
          new Paragraph({ children: [new TextRun("下一步，市直机关将推动志愿服务常态化。")] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

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
    expect(await body.locator("figure.is-missing").count()).toBe(5);
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

  it("an editor imports a .docx with photos, fixes a caption, uploads the missing photo into its slot and submits; the reviewer publishes; a reader sees the figures", async () => {
    const stamp = Date.now();
    const title = `市直机关开展志愿服务 ${stamp}`;
    const editor = await signedIn(browser, "xiamen-editor", DEMO_PASSWORD);
    const page = editor.page;
    await page.goto(`${baseUrl()}/studio/reports/import`);
    await page.getByLabel("选择文件").setInputFiles({
      name: "志愿服务图片报道.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: await photoReportDocx(title, stamp),
    });
    const mediaCount = async () => Number((await sql<{ count: string }>(`SELECT count(*)::text AS count FROM "Media"`))[0]!.count);
    const before = await mediaCount();
    await page.getByRole("button", { name: "预览识别结果" }).click();
    const fields = page.getByTestId("import-fields");
    await expect.poll(() => fields.locator('[data-field="title"]').textContent()).toBe(title);
    await expect(fields.textContent()).resolves.toContain("插图 3 张，其中 1 张等待上传照片");
    // The preview stores no photo: a preview never confirmed leaves nothing in the library.
    expect(await mediaCount()).toBe(before);

    await page.getByRole("button", { name: "创建草稿" }).click();
    await page.waitForURL(/\/studio\/reports\/(?!import$)[^/]+$/);
    const reportUrl = page.url();
    const id = reportUrl.split("/").at(-1)!;
    expect(await mediaCount()).toBe(before + 2);
    const figures = page.locator(".ProseMirror figure");
    await expect.poll(() => page.locator('.ProseMirror figure img[src^="/media/"]').count()).toBe(2);
    const slot = page.locator(".ProseMirror figure.is-missing");
    await expect(slot.locator(".report-figure__missing").textContent()).resolves.toContain("待补图片");
    await expect(slot.locator("figcaption").textContent()).resolves.toContain("市直机关志愿服务队合影");

    // The caption came with a typo (义拴): fixed in the figure's dialog.
    await figures.nth(0).dblclick();
    let dialog = page.getByRole("dialog");
    await expect(dialog.getByLabel(/^图片说明/).inputValue()).resolves.toBe("党员志愿者在社区开展义拴。");
    await expect(dialog.getByLabel(/摄影|署名/).inputValue()).resolves.toBe("本报记者 黄晓珍 摄");
    await dialog.getByLabel(/^图片说明/).fill("党员志愿者在社区开展义诊。");
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.waitFor({ state: "detached" });

    // The photo that was left out: uploaded into its slot, which keeps its caption and credit.
    await slot.dblclick();
    dialog = page.getByRole("dialog");
    await dialog.getByTestId("figure-upload-input").setInputFiles({ name: "合影.jpg", mimeType: "image/jpeg", buffer: await photoJpeg(1200, 800, { seed: (stamp % 1000) + 2 }) });
    await expect.poll(() => dialog.getByLabel(/^图片地址/).inputValue(), { timeout: 30_000 }).toMatch(/^\/media\//);
    await expect(dialog.getByLabel(/^图片说明/).inputValue()).resolves.toBe("市直机关志愿服务队合影");
    await dialog.getByLabel(/替代文字/).fill("志愿服务队队员合影");
    await dialog.getByRole("button", { name: "确定" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => page.locator('.ProseMirror figure img[src^="/media/"]').count()).toBe(3);
    await expect(page.locator(".ProseMirror figure.is-missing").count()).resolves.toBe(0);
    await waitSavedAfterEdit(page);

    await submitInWorkspace(page);
    await editor.context.close();

    const reviewer = await signedIn(browser, "xiamen-reviewer", DEMO_PASSWORD);
    await reviewer.page.goto(reportUrl);
    await approveInWorkspace(reviewer.page, "图片报道已核对");
    await reviewer.context.close();

    const reader = await browser.newPage();
    await reader.goto(`${baseUrl()}/reports/${id}`);
    const published = reader.locator(".report-body figure");
    await expect.poll(() => published.count()).toBe(3);
    expect(await reader.locator(".report-body figure picture img[width][height]").count()).toBe(3);
    expect(await reader.locator(".report-body figure.is-missing").count()).toBe(0);
    const captions = await published.evaluateAll((els) =>
      els.map((el) => ({ caption: el.querySelector(".caption")?.textContent, credit: el.querySelector(".credit")?.textContent })),
    );
    expect(captions).toEqual([
      { caption: "党员志愿者在社区开展义诊。", credit: "本报记者 黄晓珍 摄" },
      { caption: "机关干部与社区居民座谈交流。", credit: "通讯员 李明 摄" },
      { caption: "市直机关志愿服务队合影", credit: "通讯员 王芳 摄" },
    ]);
    const first = reader.locator(".report-body figure img").first();
    await first.scrollIntoViewIfNeeded();
    await expect.poll(() => first.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await reader.close();
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

  it("keeps lists, alignment and tables pasted from Word, and lists the pictures the clipboard could not carry", async () => {
    const { page } = await signedIn(browser, "xiamen-editor", DEMO_PASSWORD);
    await page.goto(`${baseUrl()}/studio/reports/new`);
    await page.getByLabel("标题").fill(`粘贴测试 ${Date.now()}`);
    await page.getByRole("button", { name: "创建并开始编辑" }).click();
    await page.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
    // What Word puts on the clipboard (the first paragraph merges into the empty one the caret
    // is in, taking its attributes, so the centred line comes second): mso-list paragraphs, direct alignment, a table, and a
    // picture as a file:/// path on the author's disk.
    const word = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15"><style>@list l0:level1 {mso-level-number-format:decimal;}</style></head><body>
<p class=MsoNormal>前言</p>
<p class=MsoNormal align=center style='text-align:center'>居中的一行</p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>1.<span>&nbsp;&nbsp;</span></span><![endif]>第一项</p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span>2.<span>&nbsp;&nbsp;</span></span><![endif]>第二项</p>
<table class=MsoTableGrid><tr><td><p class=MsoNormal>单位</p></td><td><p class=MsoNormal>人数</p></td></tr></table>
<p class=MsoNormal><img width=200 height=100 src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image001.jpg"></p>
</body></html>`;
    await page.locator(".ProseMirror").first().click();
    await page.locator(".ProseMirror").first().evaluate((element, html) => {
      const data = new DataTransfer();
      data.setData("text/html", html);
      data.setData("text/plain", "居中的一行");
      element.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, word);
    const editor = page.locator(".ProseMirror").first();
    await expect.poll(() => editor.locator("ol li").count()).toBe(2);
    expect(await editor.locator("ol li").first().textContent()).toBe("第一项");
    expect(await editor.locator('p[style*="text-align: center"]').first().textContent()).toBe("居中的一行");
    expect(await editor.locator("table td").count()).toBe(2);
    expect(await editor.locator("figure.is-missing").count()).toBe(1);
    expect(await page.getByTestId("pasted-images-notice").textContent()).toContain("1 张图片");
  });
});

