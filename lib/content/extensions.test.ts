import { describe, expect, it } from "vitest";
import { contentExtensions, Figure, getContentSchema, HEADING_LEVELS } from "./extensions";

describe("content schema", () => {
  it("loads without a DOM (server-safe)", () => {
    expect(typeof document).toBe("undefined");
    expect(contentExtensions.length).toBeGreaterThan(0);
  });

  it("contains exactly the nodes and marks reports use", () => {
    const schema = getContentSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "blockquote",
        "bulletList",
        "doc",
        "figure",
        "hardBreak",
        "heading",
        "horizontalRule",
        "listItem",
        "orderedList",
        "paragraph",
        "table",
        "tableCell",
        "tableHeader",
        "tableRow",
        "text",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "italic", "link", "strike", "underline"]);
  });

  it("is built once", () => {
    expect(getContentSchema()).toBe(getContentSchema());
  });

  it("has the expected attributes", () => {
    const schema = getContentSchema();
    const attrNames = (name: string) => Object.keys(schema.nodes[name]?.spec.attrs ?? {}).sort();
    expect(attrNames("paragraph")).toEqual(["textAlign"]);
    expect(attrNames("heading")).toEqual(["level", "textAlign"]);
    expect(attrNames("figure")).toEqual(["alt", "caption", "credit", "mediaId", "src"]);
    expect(Object.keys(schema.marks.link?.spec.attrs ?? {}).sort()).toEqual(["class", "href", "rel", "target", "title"]);
    expect(schema.nodes.figure?.spec.atom).toBe(true);
    expect(schema.nodes.figure?.spec.group).toBe("block");
    expect(HEADING_LEVELS).toEqual([2, 3, 4]);
  });

  it("defaults a figure's src to null (waiting for its photo) and the rest to null", () => {
    const figure = getContentSchema().nodes.figure!;
    expect(figure.create({}).attrs.src).toBeNull();
    // The validator still requires the key in stored JSON (validate.test.ts).
    expect(figure.create({ src: "/a.jpg" }).attrs).toEqual({ src: "/a.jpg", alt: null, caption: null, credit: null, mediaId: null });
  });

  it("parses a figure back from its own HTML", () => {
    // No DOM library in this project: a minimal stand-in for the <figure> element.
    const parts: Record<string, { textContent: string; getAttribute: (name: string) => string | null }> = {
      img: { textContent: "", getAttribute: (name) => ({ src: "/uploads/a.jpg", alt: "会场" })[name] ?? null },
      "figcaption .caption": { textContent: "市直机关工委召开会议。", getAttribute: () => null },
      "figcaption .credit": { textContent: "本报记者 黄晓珍 摄", getAttribute: () => null },
    };
    const element = {
      querySelector: (selector: string) => parts[selector] ?? null,
      getAttribute: (name: string) => (name === "data-media-id" ? "m1" : null),
    } as unknown as HTMLElement;

    const rules = Figure.config.parseHTML?.call({} as never) ?? [];
    expect(rules).toEqual([{ tag: "figure.report-figure" }]);
    const attributes = Figure.config.addAttributes?.call({} as never) as Record<string, { parseHTML: (element: HTMLElement) => unknown }>;
    const parsed = Object.fromEntries(Object.entries(attributes).map(([name, attribute]) => [name, attribute.parseHTML(element)]));
    expect(parsed).toEqual({ src: "/uploads/a.jpg", alt: "会场", caption: "市直机关工委召开会议。", credit: "本报记者 黄晓珍 摄", mediaId: "m1" });
  });
});

describe("links in the editor", () => {
  it("render none of the class, target or rel a stored link carries (issue 9: phishing overlay)", async () => {
    const { renderToHTMLString } = await import("@tiptap/static-renderer/pm/html-string");
    const html = renderToHTMLString({
      extensions: contentExtensions,
      content: {
        type: "doc",
        content: [
          {
            type: "paragraph",
            content: [
              {
                type: "text",
                text: "请重新登录",
                marks: [{ type: "link", attrs: { href: "https://evil.example/", class: "fixed inset-0 z-50", target: "_blank", rel: "opener", title: "提示" } }],
              },
            ],
          },
        ],
      },
    });
    expect(html).toContain('href="https://evil.example/"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('title="提示"');
    expect(html).not.toContain("fixed");
    expect(html).not.toContain("target");
    expect(html).not.toContain("opener\"");
  });

  it("take no class, target or rel from pasted HTML", () => {
    const link = getContentSchema().marks.link!;
    const rule = link.spec.parseDOM?.[0];
    const element = {
      getAttribute: (name: string) => ({ href: "https://a.example/", class: "fixed inset-0", target: "_blank", rel: "opener", title: "t" })[name] ?? null,
    } as unknown as HTMLElement;
    const attrs = typeof rule?.getAttrs === "function" ? rule.getAttrs(element as never) : {};
    expect(attrs).toMatchObject({ href: "https://a.example/", title: "t" });
    expect((attrs as Record<string, unknown>).class ?? null).toBeNull();
    expect((attrs as Record<string, unknown>).target ?? null).toBeNull();
    expect((attrs as Record<string, unknown>).rel ?? null).toBeNull();
  });
});
