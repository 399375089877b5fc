import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/prisma/demo-data";
import { baseUrl, browserAvailable, launchBrowser, signedIn, sql } from "../support/browser";
import { caretAtEndOf, waitSavedAfterEdit } from "../support/editor";
import { photoJpeg } from "../support/images";

// Photo reports end to end: upload from the toolbar and by pasting, a progress bar per file,
// alt text, caption and credit, a slot for a photo still to come, reuse from the library in a
// second report, and the published page's <picture> with width and height.

const as = (browser: Browser, username: string) => signedIn(browser, username, DEMO_PASSWORD);
const body = (page: Page) => page.locator(".ProseMirror").first();

async function newReport(page: Page, title: string): Promise<string> {
  await page.goto(`${baseUrl()}/studio/reports/new`);
  await page.getByLabel("标题").fill(title);
  await page.getByRole("button", { name: "创建并开始编辑" }).click();
  await page.waitForURL(/\/studio\/reports\/(?!new$)[^/]+$/);
  return page.url();
}

/** Opens a figure's dialog (double-click) and fills its texts. */
async function describeFigure(page: Page, index: number, texts: { alt: string; caption?: string; credit?: string }) {
  await page.locator(".ProseMirror figure").nth(index).dblclick();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(/替代文字/).fill(texts.alt);
  if (texts.caption !== undefined) await dialog.getByLabel(/^图片说明/).fill(texts.caption);
  if (texts.credit !== undefined) await dialog.getByLabel(/摄影|署名/).fill(texts.credit);
  await dialog.getByRole("button", { name: "确定" }).click();
  await dialog.waitFor({ state: "detached" });
}

describe.skipIf(!browserAvailable())("photo reports", () => {
  let browser: Browser;
  const stamp = Date.now();
  const title = `厦门市直机关志愿服务图片报道 ${stamp}`;
  const caption = `党员志愿者在社区开展义诊 ${stamp}`;
  let reportUrl = "";
  let mediaId = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("an editor uploads with the toolbar and by pasting, sees the progress, describes the photos and leaves a slot for one to come", async () => {
    const { context, page } = await as(browser, "xiamen-editor");
    reportUrl = await newReport(page, title);
    await body(page).click();
    await page.keyboard.insertText("市直机关党员志愿者走进社区。");

    // Toolbar: the file chooser behind 「上传图片」.
    const photo = await photoJpeg(1800, 1200, { seed: stamp % 100000 });
    await page.getByTestId("media-upload-input").setInputFiles({ name: "义诊现场.jpg", mimeType: "image/jpeg", buffer: photo });
    const upload = page.getByTestId("upload").filter({ hasText: "义诊现场.jpg" });
    await upload.waitFor();
    await expect(upload.locator("progress").count()).resolves.toBe(1);
    await page.locator('.ProseMirror figure img[src^="/media/"]').first().waitFor();

    // Paste: an image file on the clipboard, as a screenshot tool puts it there.
    const pasted = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#c8102e" } }).png().toBuffer();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "截图.png", { type: "image/png" }));
      document.querySelector(".ProseMirror")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted.toString("base64"));
    await page.getByTestId("upload").filter({ hasText: "截图.png" }).waitFor();
    await expect.poll(() => page.locator('.ProseMirror figure img[src^="/media/"]').count(), { timeout: 15_000 }).toBe(2);

    // A file that is not an image, named like one: refused in words, nothing inserted.
    await page.getByTestId("media-upload-input").setInputFiles({ name: "假图片.jpg", mimeType: "image/jpeg", buffer: Buffer.from("<!DOCTYPE html><html><body>x</body></html>") });
    await page.getByTestId("upload").filter({ hasText: "不是图片" }).waitFor();
    await expect(page.locator(".ProseMirror figure").count()).resolves.toBe(2);

    await describeFigure(page, 0, { alt: "医生为老人测量血压", caption, credit: "本报记者 黄晓珍 摄" });
    await describeFigure(page, 1, { alt: "红色背景" });

    // A figure whose photo is still to come: an obvious slot, never a broken image.
    await caretAtEndOf(page, "走进社区");
    await page.getByRole("button", { name: "插入图片" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel(/^图片说明/).fill("待补：活动合影");
    await dialog.getByRole("button", { name: "确定" }).click();
    await page.locator(".ProseMirror figure.is-missing .report-figure__missing", { hasText: "待补图片" }).waitFor();
    await expect(page.locator(".ProseMirror figure.is-missing img").count()).resolves.toBe(0);

    await waitSavedAfterEdit(page);
    const figures = await page.locator(".ProseMirror figure[data-media-id]").evaluateAll((els) => els.map((el) => el.getAttribute("data-media-id")));
    mediaId = figures[0]!;

    await context.close();
  });

  it("the library edits the photo's texts, finds it by caption and reuses it in a second report", async () => {
    const { context, page } = await as(browser, "xiamen-editor");
    await page.goto(`${baseUrl()}/studio/media`);
    const card = page.locator(`[data-testid=media-card][data-media-id="${mediaId}"]`);
    await card.waitFor();
    await card.getByLabel("替代文字").fill("医生为老人测量血压");
    await card.getByLabel("图片说明").fill(caption);
    await card.getByLabel("摄影/署名").fill("本报记者 黄晓珍、陈文 摄");
    await card.getByRole("button", { name: "保存" }).click();
    await card.getByText("已保存").waitFor();
    await expect(sql(`SELECT alt, caption, credit FROM "Media" WHERE id = $1`, [mediaId])).resolves.toEqual([
      { alt: "医生为老人测量血压", caption, credit: "本报记者 黄晓珍、陈文 摄" },
    ]);
    await page.getByRole("search").getByRole("searchbox").fill("不存在的说明文字");
    await page.getByRole("search").getByRole("button", { name: "搜索" }).click();
    await page.getByText("没有找到图片").waitFor();
    await page.getByRole("search").getByRole("searchbox").fill(caption);
    await page.getByRole("search").getByRole("button", { name: "搜索" }).click();
    await expect.poll(() => page.getByTestId("media-card").count()).toBe(1);

    await newReport(page, `重用图片 ${stamp}`);
    await body(page).click();
    await page.getByRole("button", { name: "插入图片" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "从图片库选择" }).click();
    await dialog.getByRole("searchbox").fill(caption);
    await dialog.getByRole("button", { name: "搜索" }).click();
    await dialog.getByRole("button", { name: new RegExp(`选择：${caption}`) }).click();
    await expect(dialog.getByLabel(/^图片说明/).inputValue()).resolves.toBe(caption);
    await expect(dialog.getByLabel(/摄影|署名/).inputValue()).resolves.toBe("本报记者 黄晓珍、陈文 摄");
    await dialog.getByRole("button", { name: "确定" }).click();
    await page.locator(`.ProseMirror figure[data-media-id="${mediaId}"] img`).waitFor();

    // Drag and drop: a file dropped onto the text becomes a figure there.
    const dropped = await sharp({ create: { width: 500, height: 500, channels: 3, background: "#1d4ed8" } }).webp().toBuffer();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "拖入.webp", { type: "image/webp" }));
      const target = document.querySelector(".ProseMirror")!;
      const box = target.getBoundingClientRect();
      target.dispatchEvent(new DragEvent("drop", { dataTransfer: data, clientX: box.left + 20, clientY: box.top + 10, bubbles: true, cancelable: true }));
    }, dropped.toString("base64"));
    await page.getByTestId("upload").filter({ hasText: "拖入.webp" }).waitFor();
    await expect.poll(() => page.locator('.ProseMirror figure img[src^="/media/"]').count(), { timeout: 15_000 }).toBe(2);
    await waitSavedAfterEdit(page);

    // Deleting it now is refused, naming both reports.
    await page.goto(`${baseUrl()}/studio/media`);
    await page.getByRole("search").getByRole("searchbox").fill(caption);
    await page.getByRole("search").getByRole("button", { name: "搜索" }).click();
    await expect.poll(() => page.getByTestId("media-card").count()).toBe(1);
    page.once("dialog", (confirm) => void confirm.accept());
    await page.getByTestId("media-card").first().getByRole("button", { name: "删除" }).click();
    const refusal = page.getByTestId("media-card").first().getByRole("alert");
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(`《${title}》`);
    await expect(refusal.textContent()).resolves.toContain(`《重用图片 ${stamp}》`);
    await context.close();
  });

  it("after approval the public page shows <picture> with AVIF and WebP sources, width and height, and the missing photo's caption alone", async () => {
    const editor = await as(browser, "xiamen-editor");
    await editor.page.goto(reportUrl);
    // The photo still to come (a figure without its picture) is on the checklist before submitting.
    await editor.page.getByRole("button", { name: "提交审核" }).click();
    const checklist = editor.page.locator("[data-testid=submit-checklist]");
    await checklist.waitFor();
    await expect(checklist.textContent()).resolves.toContain("插图没有图片");
    await checklist.getByRole("button", { name: "仍然提交" }).click();
    await editor.page.locator("text=待审核").first().waitFor();
    await editor.context.close();

    const reviewer = await as(browser, "xiamen-reviewer");
    await reviewer.page.goto(reportUrl);
    await reviewer.page.getByRole("button", { name: "审核通过并发布" }).click();
    // The photo still to come is a proofreading warning: acknowledged with a reason.
    const acknowledge = reviewer.page.getByRole("dialog", { name: "确认校对提示" });
    await acknowledge.getByLabel("确认理由（必填，记入流程记录）").fill("第二张照片稍后补上");
    await acknowledge.getByRole("button", { name: "确认并发布" }).click();
    await reviewer.page.locator("text=已发布").first().waitFor();
    await reviewer.context.close();

    const reader = await browser.newPage();
    const id = reportUrl.split("/").at(-1)!;
    await reader.goto(`${baseUrl()}/reports/${id}`);
    const picture = reader.locator(`.report-body figure[data-media-id="${mediaId}"] picture`);
    await picture.waitFor();
    await expect(picture.locator('source[type="image/avif"]').getAttribute("srcset")).resolves.toMatch(/-480\.avif 480w, .+-960\.avif 960w, .+-1600\.avif 1600w/);
    await expect(picture.locator('source[type="image/webp"]').count()).resolves.toBe(1);
    const img = picture.locator("img");
    await expect(img.getAttribute("width")).resolves.toBe("1600");
    await expect(img.getAttribute("height")).resolves.toBe("1067");
    await expect(img.getAttribute("alt")).resolves.toBe("医生为老人测量血压");
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    // The browser picked a modern format from the <source>s.
    await expect(img.evaluate((el: HTMLImageElement) => el.currentSrc)).resolves.toMatch(/\.(avif|webp)$/);
    const response = await reader.request.get(await img.getAttribute("src").then((src) => `${baseUrl()}${src}`));
    expect(response.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

    const missing = reader.locator(".report-body figure.is-missing");
    await expect(missing.locator("img").count()).resolves.toBe(0);
    await expect(missing.locator("figcaption .caption").textContent()).resolves.toBe("待补：活动合影");
    await expect(reader.locator(".report-body").textContent()).resolves.not.toContain("待补图片");
    await reader.close();

    // A phone the size of Lighthouse's mobile device (412 CSS pixels at 1.75) gets the rendition
    // its column needs (380 × 1.75 = 665 pixels), not the next one up.
    const phone = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
    const onPhone = await phone.newPage();
    await onPhone.goto(`${baseUrl()}/reports/${id}`);
    const phoneImg = onPhone.locator(`.report-body figure[data-media-id="${mediaId}"] img`);
    await phoneImg.scrollIntoViewIfNeeded();
    await expect.poll(() => phoneImg.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
    await expect(phoneImg.evaluate((el: HTMLImageElement) => el.currentSrc)).resolves.toMatch(/-720\.(avif|webp)$/);
    await phone.close();
  });
});
