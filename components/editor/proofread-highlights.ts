/**
 * Underlines proofreading findings in the body, as decorations: the document is never changed.
 * Findings arrive from the workspace after a pause in typing (the checker never runs on a
 * keystroke); in between, the decorations are mapped through each change so they move with
 * the text. A finding whose text is no longer where it was is simply not drawn.
 */
import { Extension } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";

/** A finding in the body, located as the checker locates it: a block path and an offset in its text. */
export interface ProofreadMark {
  key: string;
  path: number[];
  offset: number;
  length: number;
  text: string;
  severity: "error" | "warning" | "hint";
}

export const proofreadHighlightsKey = new PluginKey<DecorationSet>("proofreadHighlights");

/** The document range of a mark in `doc`, or null when its text is not there (any more). */
export function rangeOfMark(doc: PMNode, mark: Pick<ProofreadMark, "path" | "offset" | "length" | "text">): { from: number; to: number } | null {
  let node: PMNode = doc;
  let pos = 0; // position before `node`'s content
  for (const index of mark.path) {
    if (index >= node.childCount) return null;
    let offset = 0;
    for (let i = 0; i < index; i++) offset += node.child(i).nodeSize;
    const child = node.child(index);
    pos = pos + offset + (node === doc ? 0 : 1);
    node = child;
  }
  if (!node.isTextblock || mark.length === 0) return null;
  const from = pos + 1 + mark.offset;
  const to = from + mark.length;
  if (to > pos + node.nodeSize - 1) return null;
  return doc.textBetween(from, to, "\n", "\n") === mark.text ? { from, to } : null;
}

function build(doc: PMNode, marks: readonly ProofreadMark[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const mark of marks) {
    const range = rangeOfMark(doc, mark);
    if (!range) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, { class: `proofread-mark is-${mark.severity}`, "data-finding-key": mark.key }, { key: mark.key }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

export const ProofreadHighlights = Extension.create({
  name: "proofreadHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: proofreadHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const marks = tr.getMeta(proofreadHighlightsKey) as readonly ProofreadMark[] | undefined;
            return marks ? build(tr.doc, marks) : set.map(tr.mapping, tr.doc);
          },
        },
        props: {
          decorations: (state) => proofreadHighlightsKey.getState(state),
        },
      }),
    ];
  },
});

export function setProofreadHighlights(view: EditorView, marks: readonly ProofreadMark[]): void {
  view.dispatch(view.state.tr.setMeta(proofreadHighlightsKey, marks).setMeta("addToHistory", false));
}
