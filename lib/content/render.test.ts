import { describe, expect, it } from "vitest";
import { ContentRenderError, renderContent } from "./render";
import type { TiptapDoc } from "./validate";

const text = (value: string, marks?: TiptapDoc["marks"]): TiptapDoc => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: TiptapDoc[]): TiptapDoc => ({ type: "paragraph", content });
const doc = (...content: TiptapDoc[]): TiptapDoc => ({ type: "doc", content });
const cell = (type: "tableCell" | "tableHeader", value: string): TiptapDoc => ({ type, content: [paragraph(text(value))] });

describe("renderContent", () => {
  it("escapes text: markup in text stays text", () => {
    const { html, plainText } = renderContent(doc(paragraph(text('<script>alert("x")</script> & <b>粗</b>'))));
    expect(html).toBe('<p>&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;粗&lt;/b&gt;</p>');
    expect(html).not.toContain("<script");
    expect(plainText).toBe('<script>alert("x")</script> & <b>粗</b>');
  });

  it("escapes attribute values", () => {
    const { html } = renderContent(
      doc(paragraph(text("链接", [{ type: "link", attrs: { href: 'https://example.org/?q="><script>', title: '"标题"' } }]))),
    );
    expect(html).toBe(
      '<p><a href="https://example.org/?q=&quot;&gt;&lt;script&gt;" target="_blank" rel="noopener noreferrer nofollow" title="&quot;标题&quot;">链接</a></p>',
    );
  });

  it("renders links with a fixed rel, a new tab only for external ones", () => {
    const { html } = renderContent(
      doc(
        paragraph(
          text("站内", [{ type: "link", attrs: { href: "/reports/1", target: "_blank", rel: "opener", class: "x" } }]),
          text("邮件", [{ type: "link", attrs: { href: "mailto:a@example.cn" } }]),
        ),
      ),
    );
    expect(html).toBe(
      '<p><a href="/reports/1" rel="noopener noreferrer nofollow">站内</a><a href="mailto:a@example.cn" rel="noopener noreferrer nofollow">邮件</a></p>',
    );
  });

  it("keeps marks open across neighbouring text", () => {
    const { html } = renderContent(doc(paragraph(text("加粗", [{ type: "bold" }]), text("又斜", [{ type: "bold" }, { type: "italic" }]), text("正常"))));
    expect(html).toBe("<p><strong>加粗<em>又斜</em></strong>正常</p>");
  });

  it("renders underline, strike, hard break, lists, quote and rule", () => {
    const { html, plainText } = renderContent(
      doc(
        paragraph(text("下", [{ type: "underline" }]), text("删", [{ type: "strike" }]), { type: "hardBreak" }, text("行")),
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("一"))] }, { type: "listItem", content: [paragraph(text("二"))] }] },
        { type: "orderedList", attrs: { start: 3 }, content: [{ type: "listItem", content: [paragraph(text("三"))] }] },
        { type: "blockquote", content: [paragraph(text("引"))] },
        { type: "horizontalRule" },
      ),
    );
    expect(html).toBe(
      "<p><u>下</u><s>删</s><br/>行</p>" +
        "<ul><li><p>一</p></li><li><p>二</p></li></ul>" +
        '<ol start="3"><li><p>三</p></li></ol>' +
        "<blockquote><p>引</p></blockquote>" +
        "<hr/>",
    );
    expect(plainText).toBe("下删\n行\n一\n二\n三\n引");
  });

  it("renders a table with a header row; plain text has a line per row and tabs between cells", () => {
    const { html, plainText, charCount } = renderContent(
      doc({
        type: "table",
        content: [
          { type: "tableRow", content: [cell("tableHeader", "项目"), cell("tableHeader", "数量")] },
          { type: "tableRow", content: [cell("tableCell", "党支部"), cell("tableCell", "822")] },
        ],
      }),
    );
    expect(html).toBe(
      '<div class="tableWrapper"><table style="min-width: 50px"><colgroup><col style="min-width: 25px"/><col style="min-width: 25px"/></colgroup>' +
        "<tbody><tr><th><p>项目</p></th><th><p>数量</p></th></tr><tr><td><p>党支部</p></td><td><p>822</p></td></tr></tbody></table></div>",
    );
    expect(plainText).toBe("项目\t数量\n党支部\t822");
    expect(charCount).toBe(8); // 项目数量党支部 (7) + 822 (1)
  });

  it("renders a figure with caption and credit", () => {
    const { html, plainText } = renderContent(
      doc({
        type: "figure",
        attrs: { src: "/uploads/a.jpg", alt: "会场<全景>", caption: "市直机关工委召开会议。", credit: "（本报记者 黄晓珍 摄）", mediaId: "m1" },
      }),
    );
    expect(html).toBe(
      '<figure class="report-figure" data-media-id="m1"><img src="/uploads/a.jpg" alt="会场&lt;全景&gt;" fetchpriority="high"/>' +
        '<figcaption><span class="caption">市直机关工委召开会议。</span> <span class="credit">（本报记者 黄晓珍 摄）</span></figcaption></figure>',
    );
    expect(plainText).toBe("市直机关工委召开会议。 （本报记者 黄晓珍 摄）");
  });

  it("omits empty parts of a figure", () => {
    expect(renderContent(doc({ type: "figure", attrs: { src: "https://img.example.cn/a.jpg" } })).html).toBe(
      '<figure class="report-figure"><img src="https://img.example.cn/a.jpg" alt="" fetchpriority="high"/></figure>',
    );
    expect(renderContent(doc({ type: "figure", attrs: { src: "/a.jpg", credit: "新华社" } })).html).toBe(
      '<figure class="report-figure"><img src="/a.jpg" alt="" fetchpriority="high"/><figcaption><span class="credit">新华社</span></figcaption></figure>',
    );
  });

  it("renders alignment and heading levels", () => {
    const { html } = renderContent(
      doc(
        { type: "heading", attrs: { level: 2, textAlign: "center" }, content: [text("标题")] },
        { type: "heading", attrs: { level: 4 }, content: [text("小标题")] },
        { type: "paragraph", attrs: { textAlign: "justify" }, content: [text("两端")] },
        { type: "paragraph", attrs: { textAlign: "right" }, content: [text("落款")] },
        paragraph(text("默认")),
      ),
    );
    expect(html).toBe(
      '<h2 style="text-align: center">标题</h2><h4>小标题</h4><p style="text-align: justify">两端</p><p style="text-align: right">落款</p><p>默认</p>',
    );
  });

  it("gives plain text with one block per line and counts 字数", () => {
    const { plainText, charCount } = renderContent(
      doc(
        { type: "heading", attrs: { level: 2 }, content: [text("党的二十大")] },
        { type: "paragraph" },
        paragraph(text("2022年GDP增长"), text("3.5%", [{ type: "bold" }])),
      ),
    );
    expect(plainText).toBe("党的二十大\n2022年GDP增长3.5%");
    expect(charCount).toBe(5 + 7);
  });

  it("renders an empty document to nothing", () => {
    expect(renderContent(doc({ type: "paragraph" }))).toEqual({ html: "<p></p>", plainText: "", charCount: 0 });
  });

  it("refuses content that does not validate", () => {
    expect(() => renderContent(doc(paragraph(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))))).toThrow(ContentRenderError);
    expect(() => renderContent({ type: "doc", content: [{ type: "iframe" }] })).toThrow(ContentRenderError);
  });

  // Its speed is measured by the editor benchmark (npm run bench -- editor), not here.
  it("is deterministic for 20,000 characters", () => {
    const sentence = "党的二十大举旗定向、继往开来、指路领航，是一次具有开创性、里程碑、划时代意义的大会。"; // 40 characters
    const content = Array.from({ length: 100 }, (_, i) =>
      paragraph(text(sentence.repeat(2)), text("加粗", [{ type: "bold" }]), text(`第${i}段`), text(sentence.repeat(2))),
    );
    const big = doc(...content);
    const first = renderContent(big);
    const second = renderContent(big);
    expect(second).toEqual(first);
    expect(first.plainText.length).toBeGreaterThan(16_000);
  });
});

describe("renderContent: library images and missing photos", () => {
  const key = (width: number, ext: string) => `ab/${"ab".repeat(32)}-${width}.${ext}`;
  const variants = [480, 960, 1600].flatMap((width) =>
    (["avif", "webp", "jpg"] as const).map((ext) => ({
      width,
      height: (width * 3) / 4,
      storageKey: key(width, ext),
      mimeType: ext === "jpg" ? "image/jpeg" : `image/${ext}`,
    })),
  );
  const media = new Map([["m1", { width: 4000, height: 3000, variants }]]);

  it("writes <picture> with AVIF and WebP sources and an <img> with width, height and srcset", () => {
    const doc = { type: "doc", content: [{ type: "figure", attrs: { src: `/media/${key(960, "jpg")}`, alt: "会场", caption: "说明", credit: "摄影", mediaId: "m1" } }] };
    const { html } = renderContent(doc, { media });
    expect(html).toContain("<picture>");
    expect(html).toContain(`<source type="image/avif" srcset="/media/${key(480, "avif")} 480w, /media/${key(960, "avif")} 960w, /media/${key(1600, "avif")} 1600w"`);
    expect(html).toContain(`<source type="image/webp" srcset="/media/${key(480, "webp")} 480w`);
    expect(html).toMatch(/<img src="\/media\/[^"]+-960\.jpg" srcset="[^"]+480w, [^"]+960w, [^"]+1600w" sizes="[^"]+" width="1600" height="1200" alt="会场" fetchpriority="high"\/>/);
    expect(html.indexOf("<source type=\"image/avif\"")).toBeLessThan(html.indexOf("<source type=\"image/webp\""));
  });

  it("loads a photo among the first three blocks at once with high priority (the likely LCP) and every other photo lazily", () => {
    const figure = (n: number) => ({ type: "figure", attrs: { src: `/media/${key(960, "jpg")}`, alt: `图${n}`, mediaId: "m1" } });
    const paragraph = { type: "paragraph", content: [{ type: "text", text: "正文。" }] };
    const loading = (content: unknown[]) =>
      [...renderContent({ type: "doc", content } as never, { media }).html.matchAll(/<img [^>]*?(fetchpriority="high"|loading="lazy")/gu)].map((match) => match[1]);
    expect(loading([paragraph, paragraph, figure(1), figure(2), paragraph, figure(3)])).toEqual(['fetchpriority="high"', 'loading="lazy"', 'loading="lazy"']);
    expect(loading([paragraph, paragraph, paragraph, figure(1), figure(2)])).toEqual(['loading="lazy"', 'loading="lazy"']);
    // A figure still waiting for its photo is not the one to hurry.
    expect(loading([{ type: "figure", attrs: { src: "", caption: "待补" } }, figure(1)])).toEqual(['fetchpriority="high"']);
  });

  it("keeps a plain <img> when the media row is not known", () => {
    const doc = { type: "doc", content: [{ type: "figure", attrs: { src: "/media/x.jpg", mediaId: "gone" } }] };
    expect(renderContent(doc, { media }).html).toBe('<figure class="report-figure" data-media-id="gone"><img src="/media/x.jpg" alt="" fetchpriority="high"/></figure>');
  });

  it("publishes a figure still waiting for its photo as its caption alone, without an image or the editor's slot", () => {
    const doc = { type: "doc", content: [{ type: "figure", attrs: { src: "", caption: "市直机关工委召开会议", credit: "本报记者 摄" } }] };
    const { html, plainText } = renderContent(doc);
    expect(html).toBe('<figure class="report-figure is-missing"><figcaption><span class="caption">市直机关工委召开会议</span> <span class="credit">本报记者 摄</span></figcaption></figure>');
    expect(html).not.toContain("<img");
    expect(html).not.toContain("待补图片");
    expect(plainText).toBe("市直机关工委召开会议 本报记者 摄");
  });
});
