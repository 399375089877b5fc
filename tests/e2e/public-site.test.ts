import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, browserAvailable, launchBrowser } from "../support/browser";

describe.skipIf(!browserAvailable())("an anonymous reader", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it("sees the published reports on the home page, newest first, and none of the unpublished", async () => {
    const page = await browser.newPage();
    const response = await page.goto(baseUrl());
    expect(response?.status()).toBe(200);
    await expect(page.title()).resolves.toContain("机关党建工作综述");
    const titles = await page.locator("[data-testid=latest-reports] h3").allTextContents();
    // Other browser tests publish reports into the same database; the demo ones are all here.
    for (const title of ["新时代机关党建的「福州答卷」", "凝心铸魂担使命 踔厉奋发谱新篇", "走好「第一方阵」建设模范机关", "漳州高标准高质量开展党史学习教育综述"]) {
      expect(titles).toContain(title);
    }
    expect(titles.indexOf("新时代机关党建的「福州答卷」")).toBeLessThan(titles.indexOf("漳州高标准高质量开展党史学习教育综述"));
    const times = await page.locator("[data-testid=latest-reports] time").evaluateAll((els) => els.map((el) => el.getAttribute("datetime")!));
    expect([...times].sort().reverse()).toEqual(times);
    // The redacted speech is only submitted.
    expect(titles.join()).not.toContain("汇报发言");
    const committees = await page.locator("[data-testid=latest-reports] li").allTextContents();
    for (const city of ["株洲", "福州", "厦门", "漳州"]) expect(committees.join()).toContain(`${city}市直机关工委`);
    await page.close();
  });

  it("opens a report and reads its title, committee, date and body", async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl());
    await page.getByRole("link", { name: /漳州高标准高质量开展党史学习教育综述/ }).first().click();
    await page.waitForURL(/\/reports\//);
    await expect(page.locator("h1").textContent()).resolves.toBe("漳州高标准高质量开展党史学习教育综述");
    const header = await page.locator("article header").textContent();
    expect(header).toContain("漳州市直机关工委");
    expect(header).toContain("2022年1月17日");
    expect(header).toContain("闽南日报");
    const paragraphs = await page.locator(".report-body p").count();
    expect(paragraphs).toBeGreaterThan(10);
    await expect(page.locator(".report-body").textContent()).resolves.toContain("学史明理、学史增信、学史崇德、学史力行");
    // Body paragraphs are set in a serif face with a two-character first-line indent.
    const style = await page.locator(".report-body p").first().evaluate((p) => {
      const s = getComputedStyle(p);
      return { indent: parseFloat(s.textIndent) / parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight) / parseFloat(s.fontSize) };
    });
    expect(style.indent).toBeCloseTo(2, 1);
    expect(style.lineHeight).toBeGreaterThanOrEqual(1.8);
    await page.close();
  });

  it("gets the site's icon in the tab, asked for by its links and at /favicon.ico, never a 404", async () => {
    const page = await browser.newPage();
    const icons: { url: string; status: number }[] = [];
    page.on("response", (response) => {
      if (/\/(favicon\.ico|icon\.svg|apple-icon\.png)/.test(response.url())) icons.push({ url: response.url(), status: response.status() });
    });
    await page.goto(baseUrl());
    const links = await page.locator("head link[rel=icon], head link[rel=apple-touch-icon]").evaluateAll((els) => els.map((el) => `${el.getAttribute("rel")} ${el.getAttribute("type")}`));
    expect(links.sort()).toEqual(["apple-touch-icon image/png", "icon image/svg+xml", "icon image/x-icon"]);
    await page.close();
    // Feed readers and old browsers ask for /favicon.ico without reading any page.
    for (const [path, type] of [["/favicon.ico", "image/x-icon"], ["/icon.svg", "image/svg+xml"], ["/apple-icon.png", "image/png"]]) {
      const response = await fetch(`${baseUrl()}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type"), path).toBe(type);
      expect((await response.arrayBuffer()).byteLength, path).toBeGreaterThan(100);
    }
    for (const icon of icons) expect(icon.status, icon.url).toBeLessThan(400);
  });

  it("gets a Chinese 404 page for an unknown report", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${baseUrl()}/reports/does-not-exist`);
    expect(response?.status()).toBe(404);
    await expect(page.locator("h1").textContent()).resolves.toBe("页面不存在");
    await page.close();
  });

  it("is sent to sign-in when opening the back office", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl()}/studio`);
    await page.waitForURL(/\/signin/);
    await expect(page.getByRole("heading", { name: "登录工作台" }).isVisible()).resolves.toBe(true);
    await page.close();
  });
});
