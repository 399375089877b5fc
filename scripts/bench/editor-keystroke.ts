// Keystroke-to-paint in the report editor on a 50,000-character document, in Chromium:
// for each key, from the keydown event's timestamp to just after the frame that shows it
// (requestAnimationFrame, then a message-channel task, which runs once that frame is painted).
import { chromium } from "playwright-core";
import type { Harness } from "./harness";
import { percentile, sampleParagraphs, summary } from "./harness";
import { docOf } from "../../tests/support/workflow-fixture";
import { renderContent } from "../../lib/content/render";
import { findChromium } from "../../tests/support/chromium";

export async function benchEditorKeystroke(h: Harness, options: { keys?: number; chars?: number } = {}) {
  const keys = options.keys ?? 200;
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error("Chromium is needed for the editor benchmark (apt-get install chromium)");
  const committee = await h.db.committee.findUniqueOrThrow({ where: { slug: "xiamen" } });
  const author = await h.db.user.findUniqueOrThrow({ where: { username: "xiamen-editor" } });
  const content = docOf(...sampleParagraphs(options.chars ?? 50_000));
  const rendered = renderContent(content);
  const report = await h.db.report.create({
    data: { committeeId: committee.id, authorId: author.id, title: "编辑器基准测试", content, ...rendered },
  });
  console.log(`[bench] editor document: ${rendered.charCount} 字, ${content.content?.length} paragraphs`);

  const cookie = await h.signIn("xiamen-editor");
  const [name, value] = cookie.split("=") as [string, string];
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addCookies([{ name, value, url: h.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/studio/reports/${report.id}`);
    const paragraph = page.locator(".ProseMirror p").nth(Math.floor((content.content?.length ?? 2) / 2));
    await paragraph.click();
    await page.keyboard.press("End");
    await page.evaluate(() => {
      const w = window as unknown as { __latencies: number[] };
      w.__latencies = [];
      document.addEventListener(
        "keydown",
        (event) => {
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => w.__latencies.push(performance.now() - event.timeStamp);
            channel.port2.postMessage(null);
          });
        },
        true,
      );
    });
    const letters = "abcdefghijklmnopqrstuvwxyz";
    for (let i = 0; i < keys + 20; i++) {
      await page.keyboard.press(letters[i % letters.length]!);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(500);
    const all = await page.evaluate(() => (window as unknown as { __latencies: number[] }).__latencies);
    const latencies = all.slice(20); // warm-up
    console.log(`editor keystroke-to-paint (${rendered.charCount} 字): ${summary(latencies)}  goal p95 ≤ 50 ms → ${percentile(latencies, 95) <= 50 ? "met" : "NOT met"}`);
    return latencies;
  } finally {
    await browser.close();
  }
}
