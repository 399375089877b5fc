import { Node as PMNode } from "@tiptap/pm/model";
import { describe, expect, it } from "vitest";
import { findAnchor, makeAnchor } from "@/lib/content/anchor";
import { getContentSchema } from "@/lib/content/extensions";
import type { TiptapDoc } from "@/lib/content/validate";
import { buildTextIndex, posToTextOffset, textOffsetToPos, textRangeToPosRange } from "./text-index";

const p = (...content: TiptapDoc[]): TiptapDoc => ({ type: "paragraph", content });
const text = (value: string, marks?: string[]): TiptapDoc => ({ type: "text", text: value, ...(marks ? { marks: marks.map((type) => ({ type })) } : {}) });
const cell = (value: string): TiptapDoc => ({ type: "tableCell", content: [p(text(value))] });

const doc = PMNode.fromJSON(getContentSchema(), {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("一、总体情况")] },
    p(text("全年"), text("开展", ["bold"]), text("主题党日"), { type: "hardBreak" }, text("活动")),
    { type: "figure", attrs: { src: "/uploads/a.jpg", caption: "图片说明" } },
    { type: "paragraph" },
    { type: "bulletList", content: [{ type: "listItem", content: [p(text("列表项"))] }] },
    { type: "table", content: [{ type: "tableRow", content: [cell("单元格一"), cell("单元格二")] }] },
  ],
});

/** The text between two document positions, as ProseMirror sees it. */
const between = (from: number, to: number) => doc.textBetween(from, to, "\n", "\n");

describe("buildTextIndex", () => {
  it("joins textblocks with one newline and leaves figures out", () => {
    expect(buildTextIndex(doc).text).toBe("一、总体情况\n全年开展主题党日\n活动\n\n列表项\n单元格一\n单元格二");
  });

  it("maps every character offset to the position of that character", () => {
    const index = buildTextIndex(doc);
    for (let offset = 0; offset < index.text.length; offset++) {
      if (index.text[offset] === "\n" && index.text[offset - 1] !== "日") continue; // block separators
      const from = textOffsetToPos(index, offset, "start")!;
      expect(between(from, from + 1)).toBe(index.text[offset]);
      expect(posToTextOffset(index, from, "start")).toBe(offset);
    }
  });

  it("moves the ends of a range off block separators onto text", () => {
    const index = buildTextIndex(doc);
    const range = (start: number, end: number) => {
      const found = textRangeToPosRange(index, { start, end })!;
      return between(found.from, found.to);
    };
    const list = index.text.indexOf("列表项");
    // Between 「活动」 and 「列表项」 lie two separators (around the empty paragraph).
    expect(range(list - 1, list + 1)).toBe("列");
    expect(range(index.text.indexOf("活动"), list - 1)).toBe("活动");
    // A hard break is text, not a separator.
    const hardBreak = index.text.indexOf("\n活动");
    expect(range(hardBreak, hardBreak + 3)).toBe("\n活动");
  });

  it("round-trips an anchor made from a selection across marks and blocks", () => {
    const index = buildTextIndex(doc);
    const from = textOffsetToPos(index, index.text.indexOf("开展"), "start")!;
    const to = textOffsetToPos(index, index.text.indexOf("党日") + 2, "end")!;
    const anchor = makeAnchor(index.text, posToTextOffset(index, from, "start"), posToTextOffset(index, to, "end"));
    expect(anchor.quote).toBe("开展主题党日");
    const found = textRangeToPosRange(index, findAnchor(index.text, anchor)!)!;
    expect(found).toEqual({ from, to });
  });

  it("has no positions for an empty document", () => {
    const empty = PMNode.fromJSON(getContentSchema(), { type: "doc", content: [{ type: "paragraph" }] });
    const index = buildTextIndex(empty);
    expect(index.text).toBe("");
    expect(textOffsetToPos(index, 0, "start")).toBeNull();
  });
});
