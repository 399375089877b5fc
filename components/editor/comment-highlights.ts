/**
 * Paints review comments over the text they refer to, as decorations: the
 * document itself is never changed, so comments cost nothing in the stored
 * content and cannot be published by accident.
 *
 * The editor component resolves anchors to positions (resolveCommentRanges)
 * when the comments change and again shortly after edits; in between, the
 * decorations are mapped through each transaction so they move with the text.
 */
import { Extension, type Editor } from "@tiptap/core";
import type { Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { findAnchor, makeAnchor, type TextAnchor } from "@/lib/content/anchor";
import { buildTextIndex, posToTextOffset, textRangeToPosRange } from "./text-index";
import type { CommentHighlight } from "./types";

export interface CommentRange {
  id: string;
  from: number;
  to: number;
  resolved: boolean;
}

interface HighlightState {
  decorations: DecorationSet;
  activeId: string | null;
}

/** Transaction meta: new ranges, a new active comment, or both. */
interface HighlightMeta {
  ranges?: CommentRange[];
  activeId?: string | null;
}

interface DecorationSpec {
  commentId: string;
  resolved: boolean;
}

export const commentHighlightsKey = new PluginKey<HighlightState>("commentHighlights");

/** Where each comment's anchor is in `doc`; comments whose quote is gone are orphaned. */
export function resolveCommentRanges(doc: PMNode, comments: readonly CommentHighlight[]): { ranges: CommentRange[]; orphanedIds: string[] } {
  const ranges: CommentRange[] = [];
  const orphanedIds: string[] = [];
  if (comments.length === 0) return { ranges, orphanedIds };
  const index = buildTextIndex(doc);
  for (const comment of comments) {
    const found = findAnchor(index.text, comment.anchor);
    const range = found && textRangeToPosRange(index, found);
    if (range) ranges.push({ id: comment.id, ...range, resolved: comment.resolved });
    else orphanedIds.push(comment.id);
  }
  return { ranges, orphanedIds };
}

/** Anchor of the selected text, or null when the selection holds no visible text. */
export function anchorOfSelection(state: EditorState): TextAnchor | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const index = buildTextIndex(state.doc);
  const anchor = makeAnchor(index.text, posToTextOffset(index, from, "start"), posToTextOffset(index, to, "end"));
  return anchor.quote.trim() === "" ? null : anchor;
}

function buildDecorations(doc: PMNode, ranges: readonly CommentRange[], activeId: string | null): DecorationSet {
  const decorations = ranges.map(({ id, from, to, resolved }) => {
    const classes = ["comment-highlight"];
    if (resolved) classes.push("is-resolved");
    if (id === activeId) classes.push("is-active");
    const spec: DecorationSpec = { commentId: id, resolved };
    return Decoration.inline(from, to, { class: classes.join(" "), "data-comment-id": id }, spec);
  });
  return DecorationSet.create(doc, decorations);
}

function currentRanges(decorations: DecorationSet): CommentRange[] {
  return decorations.find().map((decoration) => {
    const spec = decoration.spec as DecorationSpec;
    return { id: spec.commentId, from: decoration.from, to: decoration.to, resolved: spec.resolved };
  });
}

export function setCommentHighlights(view: EditorView, meta: HighlightMeta): void {
  // Not an edit: keep it out of undo history.
  view.dispatch(view.state.tr.setMeta(commentHighlightsKey, meta).setMeta("addToHistory", false));
}

export function commentRangeOf(state: EditorState, id: string): CommentRange | undefined {
  const decorations = commentHighlightsKey.getState(state)?.decorations;
  return decorations ? currentRanges(decorations).find((range) => range.id === id) : undefined;
}

/** Per editor; the React component sets `onClick` once the editor exists. */
export interface CommentHighlightsStorage {
  onClick: ((commentId: string) => void) | null;
}

declare module "@tiptap/core" {
  interface Storage {
    commentHighlights: CommentHighlightsStorage;
  }
}

export function onCommentHighlightClick(editor: Editor, handler: (commentId: string) => void): void {
  editor.storage.commentHighlights.onClick = handler;
}

export const CommentHighlights = Extension.create<Record<string, never>, CommentHighlightsStorage>({
  name: "commentHighlights",

  addStorage() {
    return { onClick: null };
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: () => ({ decorations: DecorationSet.empty, activeId: null }),
          apply(tr, value, _oldState, newState) {
            const meta = tr.getMeta(commentHighlightsKey) as HighlightMeta | undefined;
            const decorations = tr.docChanged ? value.decorations.map(tr.mapping, tr.doc) : value.decorations;
            if (!meta) return decorations === value.decorations ? value : { ...value, decorations };
            const activeId = meta.activeId !== undefined ? meta.activeId : value.activeId;
            return { activeId, decorations: buildDecorations(newState.doc, meta.ranges ?? currentRanges(decorations), activeId) };
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
          handleClick(_view, _pos, event) {
            const target = event.target instanceof Element ? event.target.closest("[data-comment-id]") : null;
            const id = target?.getAttribute("data-comment-id");
            if (id) storage.onClick?.(id);
            // Let ProseMirror place the cursor as usual.
            return false;
          },
        },
      }),
    ];
  },
});
