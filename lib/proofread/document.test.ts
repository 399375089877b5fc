import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JSONContent } from "@tiptap/core";
import { renderContent } from "../content/render";
import { importPlainText } from "../content/import/plain-text";
import { documentText, locateInDocument } from "./document";

const text = (value: string, marks?: JSONContent["marks"]): JSONContent => ({ type: "text", text: value, ...(marks ? { marks } : {}) });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: "paragraph", content });
const cell = (...content: JSONContent[]): JSONContent => ({ type: "tableCell", content });

/** Body offsets are offsets in the stored plainText, so the two must be the same text. */
describe("documentText matches renderContent's plainText", () => {
  it("for every block type", () => {
    const doc: JSONContent = {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [text("一、总体情况")] },
        paragraph(text("市直机关工委", [{ type: "bold" }]), text("多措并举，"), { type: "hardBreak" }, text("掀起热潮。")),
        { type: "paragraph" },
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph(text("学党史"))] }, { type: "listItem", content: [paragraph(text("悟思想"))] }] },
        { type: "blockquote", content: [paragraph(text("“上头千条线，下头一根针”"))] },
        {
          type: "table",
          content: [
            { type: "tableRow", content: [cell(paragraph(text("单位"))), cell(paragraph(text("党员数")))] },
            { type: "tableRow", content: [cell(paragraph(text("市委办")), paragraph(text("（含派出机构）"))), cell({ type: "paragraph" })] },
            { type: "tableRow", content: [cell({ type: "paragraph" }), cell({ type: "paragraph" })] },
          ],
        },
        { type: "figure", attrs: { src: "/media/a.jpg", alt: "现场", caption: "▲主题党日活动现场", credit: "（本报记者 摄）" } },
        { type: "horizontalRule" },
        paragraph(text("末段。")),
      ],
    };
    expect(documentText(doc).text).toBe(renderContent(doc).plainText);
  });

  it("for the five sample reports as imported", () => {
    const dir = path.resolve(import.meta.dirname, "../../prisma/seed-data/samples");
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
      const { content } = importPlainText(fs.readFileSync(path.join(dir, file), "utf8"));
      const ours = documentText(content);
      expect(ours.text, file).toBe(renderContent(content).plainText);
      // Every character of every block maps back into that block.
      for (const segment of ours.segments) {
        expect(locateInDocument(ours.segments, segment.start)?.path).toEqual(segment.path);
        expect(locateInDocument(ours.segments, segment.end - 1)?.offset).toBe(segment.end - 1 - segment.start);
      }
    }
  });
});
