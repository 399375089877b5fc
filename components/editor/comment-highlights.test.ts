import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";
import { makeAnchor } from "@/lib/content/anchor";
import { getContentSchema } from "@/lib/content/extensions";
import { anchorOfSelection, resolveCommentRanges } from "./comment-highlights";

const schema = getContentSchema();
const docOf = (...paragraphs: string[]) =>
  PMNode.fromJSON(schema, { type: "doc", content: paragraphs.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });

const original = docOf("一要抓好党建工作，二要抓好业务工作。", "三要把党建工作和业务工作深度融合。");
const textOfRange = (doc: PMNode, range: { from: number; to: number }) => doc.textBetween(range.from, range.to);

/** Selects the `nth` occurrence of `quote` in the document's text. */
function select(doc: PMNode, quote: string, nth = 0): EditorState {
  const positions: number[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText) return;
    for (let at = node.text!.indexOf(quote); at >= 0; at = node.text!.indexOf(quote, at + 1)) positions.push(pos + at);
  });
  const from = positions[nth]!;
  const state = EditorState.create({ schema, doc });
  return state.apply(state.tr.setSelection(TextSelection.create(doc, from, from + quote.length)));
}

describe("anchorOfSelection", () => {
  it("anchors the selected text with context across the block boundary", () => {
    const anchor = anchorOfSelection(select(original, "党建工作", 1));
    expect(anchor).toEqual({ quote: "党建工作", prefix: "一要抓好党建工作，二要抓好业务工作。\n三要把", suffix: "和业务工作深度融合。" });
  });

  it("gives no anchor for an empty or whitespace-only selection", () => {
    const state = EditorState.create({ schema, doc: docOf("党建　工作") });
    expect(anchorOfSelection(state)).toBeNull();
    const spaces = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 3, 4)));
    expect(anchorOfSelection(spaces)).toBeNull();
  });
});

describe("resolveCommentRanges", () => {
  it("finds each comment's text after the document changed around it, and orphans the changed one", () => {
    const second = anchorOfSelection(select(original, "党建工作", 1))!;
    const business = anchorOfSelection(select(original, "业务工作", 0))!;
    const edited = docOf("新增一段导语。", "一要抓好党建工作，二要抓好中心工作。", "三要坚持把党建工作和业务工作深度融合。");
    const { ranges, orphanedIds } = resolveCommentRanges(edited, [
      { id: "a", anchor: second, resolved: false },
      { id: "b", anchor: business, resolved: true },
      { id: "c", anchor: makeAnchor("已删除的原文", 0, 3), resolved: false },
    ]);
    expect(orphanedIds).toEqual(["c"]);
    const a = ranges.find((range) => range.id === "a")!;
    expect(textOfRange(edited, a)).toBe("党建工作");
    expect(edited.resolve(a.from).parent.textContent).toBe("三要坚持把党建工作和业务工作深度融合。");
    // 「业务工作」 left the first paragraph; the comment moves to the one that is left.
    const b = ranges.find((range) => range.id === "b")!;
    expect(textOfRange(edited, b)).toBe("业务工作");
    expect(b.resolved).toBe(true);
  });
});
