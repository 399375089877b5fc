import type { JSONContent } from "@tiptap/core";
import { generateJSON } from "@tiptap/html/server";
import { describe, expect, it } from "vitest";
import { contentExtensions } from "@/lib/content/extensions";
import { parseContent } from "@/lib/content/validate";
import { replaceUnreachableImages } from "./pasted-images";

describe("replaceUnreachableImages", () => {
  it("turns Word's file:/// and data: images into figures waiting for their photo, and counts them", () => {
    const word = '<p class=MsoNormal>会议现场<img width=300 src="file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg"></p><p><img src="data:image/png;base64,AAAA"></p><p><img src="https://example.cn/a.jpg"></p>';
    const { html, missing } = replaceUnreachableImages(word);
    expect(missing).toBe(2);
    expect(html).toContain('src="https://example.cn/a.jpg"');
    expect(html).not.toContain("file:///");
    const doc: JSONContent = generateJSON(html, contentExtensions);
    const figures = (doc.content ?? []).filter((node) => node.type === "figure");
    expect(figures).toHaveLength(2);
    expect(figures.every((figure) => figure.attrs?.src === null)).toBe(true);
    expect(parseContent(doc).ok).toBe(true);
    expect(JSON.stringify(doc)).toContain("会议现场");
  });
});
