"use client";

import "./editor.css";
import type { Editor, EditorOptions } from "@tiptap/core";
import { Placeholder } from "@tiptap/extensions";
import { NodeSelection } from "@tiptap/pm/state";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { EditorView } from "@tiptap/pm/view";
import type { TextAnchor } from "@/lib/content/anchor";
import { contentExtensions, type FigureAttrs } from "@/lib/content/extensions";
import type { TiptapDoc } from "@/lib/content/validate";
import { editorMessages as t } from "@/lib/i18n/editor.zh-CN";
import { CharCount } from "./char-count";
import { anchorOfSelection, CommentHighlights, onCommentHighlightClick, resolveCommentRanges, setCommentHighlights } from "./comment-highlights";
import { EditorShortcuts, setEditorShortcutHandlers } from "./editor-shortcuts";
import { FigureDialog, type FigureTarget } from "./figure-dialog";
import OfficePaste from "@intevation/tiptap-extension-office-paste";
import { onMissingPastedImages, PastedImages } from "./pasted-images";
import { importMessages } from "@/lib/i18n/import.zh-CN";
import { idleTask } from "./idle";
import { LinkPopover } from "./link-popover";
import { ProofreadHighlights, rangeOfMark, setProofreadHighlights, type ProofreadMark } from "./proofread-highlights";
import { filesOf, uploadMediaFile } from "./media-upload";
import { UploadProgress, type UploadEntry } from "./upload-progress";
import { Toolbar } from "./toolbar";
import type { CommentHighlight, ReportEditorApi } from "./types";

export type { CommentHighlight, ReportEditorApi } from "./types";

export interface ReportEditorProps {
  /** The body to start from. Read once, when the editor is created; later, use `api.setContent`. */
  initialContent: TiptapDoc;
  editable: boolean;
  /**
   * The document after changes, deferred: called at most every 250 ms (trailing,
   * so the last change is always delivered), never in the middle of an IME
   * composition, and at once when the editor loses focus or unmounts. The
   * parent may debounce saves further; `api.getJSON()` always has the latest.
   */
  onChange?: (doc: TiptapDoc) => void;
  /** Called once the editor exists (after mount; it is never created on the server). */
  onReady?: (api: ReportEditorApi) => void;
  /** Comments to highlight; resolved ones are shown faintly. */
  comments?: CommentHighlight[];
  activeCommentId?: string | null;
  onCommentClick?: (id: string) => void;
  /**
   * Shows the toolbar's 「评论」 button, also on a read-only body: called with the
   * anchor of the selected text.
   */
  onRequestComment?: (anchor: TextAnchor) => void;
  /**
   * Comments whose quoted text no longer occurs (shown as 「原文已修改」).
   * Called when the set changes, with every orphaned id.
   */
  onOrphanedComments?: (ids: string[]) => void;
  /** 字数 (countChineseCharacters), recounted about 300 ms after typing pauses. */
  onCharCount?: (count: number) => void;
  /** Accessible name of the text area; default 「正文」. */
  ariaLabel?: string;
  /** Proofreading findings in the body, underlined until new ones arrive. */
  proofreadMarks?: ProofreadMark[];
  /**
   * The committee whose media library images are uploaded to and picked from; without it
   * there is no upload (toolbar, drop or paste) and no library in the figure dialog.
   */
  mediaCommitteeId?: string;
}

/** How often `onChange` may fire while typing. */
const CHANGE_INTERVAL_MS = 250;
/** Pause after an edit before comment anchors are looked up again. */
const REANCHOR_DELAY_MS = 400;

/** Shared by every editor instance: per-editor callbacks live in extension storage. */
// OfficePaste turns Word/WPS `mso-list` paragraphs into real lists; it adds no node or mark, so
// it stays out of the server's schema (contentExtensions). PastedImages keeps a slot for each
// picture the clipboard could not carry.
const editorExtensions = [
  ...contentExtensions,
  OfficePaste,
  PastedImages,
  Placeholder.configure({ placeholder: t.placeholder }),
  CommentHighlights,
  ProofreadHighlights,
  EditorShortcuts,
];

type Panel = { kind: "link" } | { kind: "figure"; target: FigureTarget | null };

function selectedFigure(editor: Editor): FigureTarget | null {
  const { selection } = editor.state;
  if (!(selection instanceof NodeSelection) || selection.node.type.name !== "figure") return null;
  return { pos: selection.from, attrs: selection.node.attrs as FigureAttrs };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/**
 * The browser editor of a report body: Tiptap on the shared content schema,
 * typeset like the published page (.report-body), with review comments
 * painted over the text.
 *
 * Built for long reports: React re-renders only when the toolbar state
 * changes, and nothing walks the whole document on a keystroke — the
 * document JSON, the character count and comment anchors are all computed
 * after a pause.
 */
export function ReportEditor(props: ReportEditorProps) {
  const { editable, comments, activeCommentId, onRequestComment, ariaLabel } = props;
  // Callbacks are read when events happen, so the editor is never rebuilt for a new closure.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  const [panel, setPanel] = useState<Panel | null>(null);
  const [uploads, setUploads] = useState<UploadEntry[]>([]);
  // Set once the editor exists; read by the paste and drop handlers, which are created before it.
  const uploadRef = useRef<((files: File[], pos: number | null) => void) | null>(null);
  /** Pictures pasted from Word/WPS that the clipboard could not carry (figures waiting for photos). */
  const [missingImages, setMissingImages] = useState(0);
  const focusToolbarRef = useRef<(() => void) | null>(null);
  const [initialContent] = useState(props.initialContent);

  // useEditor compares options by identity on every render and calls setOptions on the
  // editor when anything differs: keep them stable.
  const options = useMemo(
    (): Partial<EditorOptions> & { immediatelyRender: false; shouldRerenderOnTransaction: false } => ({
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      extensions: editorExtensions,
      content: initialContent,
      editable,
      editorProps: {
        attributes: {
          class: "report-body report-editor__content",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": ariaLabel ?? t.contentLabel,
          ...(editable ? { "aria-description": t.toolbar.focusHint } : { "aria-readonly": "true" }),
          lang: "zh-CN",
          // Chinese is not spell-checked anyway, and checking a long body costs typing time.
          spellcheck: "false",
        },
        // Image files pasted or dropped into the text are uploaded and become figures there.
        handlePaste(view, event) {
          const files = filesOf(event.clipboardData);
          if (files.length === 0 || !view.editable || !uploadRef.current) return false;
          uploadRef.current(files, null);
          return true;
        },
        handleDrop(view: EditorView, event: DragEvent, _slice, moved: boolean) {
          const files = moved ? [] : filesOf(event.dataTransfer);
          if (files.length === 0 || !view.editable || !uploadRef.current) return false;
          event.preventDefault();
          const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
          uploadRef.current(files, at ? at.pos : null);
          return true;
        },
        handleDoubleClickOn(view, pos, node) {
          if (node.type.name !== "figure" || !view.editable) return false;
          setPanel({ kind: "figure", target: { pos, attrs: node.attrs as FigureAttrs } });
          return true;
        },
      },
    }),
    [initialContent, editable, ariaLabel],
  );
  const editor = useEditor(options);

  useEffect(() => {
    if (!editor) return;
    onCommentHighlightClick(editor, (id) => latest.current.onCommentClick?.(id));
    setEditorShortcutHandlers(editor, {
      openLink: () => setPanel({ kind: "link" }),
      focusToolbar: () => focusToolbarRef.current?.(),
    });
    onMissingPastedImages(editor, (count) => setMissingImages((total) => total + count));
  }, [editor]);

  useEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable, false);
  }, [editor, editable]);

  const mediaCommitteeId = props.mediaCommitteeId;
  useEffect(() => {
    if (!editor || !mediaCommitteeId) {
      uploadRef.current = null;
      return;
    }
    let nextId = 0;
    uploadRef.current = (files, pos) => {
      for (const file of files) {
        const id = ++nextId + Date.now();
        const update = (change: Partial<UploadEntry>) => setUploads((list) => list.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)));
        setUploads((list) => [...list, { id, name: file.name, progress: 0, error: null, done: false }]);
        uploadMediaFile(file, mediaCommitteeId, (progress) => update({ progress }))
          .then((media) => {
            if (editor.isDestroyed) return;
            const figure = {
              type: "figure",
              attrs: { src: media.src, alt: media.alt || null, caption: media.caption || null, credit: media.credit || null, mediaId: media.id },
            };
            // The drop point, if the document still reaches it; otherwise the cursor.
            const at = pos !== null && pos <= editor.state.doc.content.size ? pos : editor.state.selection.to;
            editor.chain().focus().insertContentAt(at, figure).run();
            update({ done: true, progress: 1 });
            // A finished upload leaves the list shortly after; failures stay until dismissed.
            setTimeout(() => setUploads((list) => list.filter((entry) => entry.id !== id)), 4000);
          })
          .catch((error: Error) => update({ error: error.message }));
      }
    };
    return () => {
      uploadRef.current = null;
    };
  }, [editor, mediaCommitteeId]);

  // onChange: trailing throttle, flushed on blur and unmount.
  useEffect(() => {
    if (!editor) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending = false;
    const flush = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      if (!pending || editor.isDestroyed) return;
      pending = false;
      latest.current.onChange?.(editor.getJSON());
    };
    const tick = () => {
      timer = undefined;
      // Mid-composition the document still holds the pinyin being typed.
      if (editor.view.composing) timer = setTimeout(tick, CHANGE_INTERVAL_MS);
      else flush();
    };
    const onUpdate = () => {
      pending = true;
      timer ??= setTimeout(tick, CHANGE_INTERVAL_MS);
    };
    editor.on("update", onUpdate);
    editor.on("blur", flush);
    return () => {
      editor.off("update", onUpdate);
      editor.off("blur", flush);
      flush();
    };
  }, [editor]);

  useEffect(() => {
    if (!editor) return;
    const api: ReportEditorApi = {
      getJSON: () => editor.getJSON(),
      setContent: (doc) => {
        editor.commands.setContent(doc, { emitUpdate: false });
      },
      focus: () => {
        editor.commands.focus();
      },
      getSelectionAnchor: () => anchorOfSelection(editor.state),
      revealProofread: (mark) => {
        const range = rangeOfMark(editor.state.doc, mark);
        if (!range) return false;
        editor.chain().focus().setTextSelection(range).scrollIntoView().run();
        return true;
      },
      fixProofread: (mark, replacement) => {
        const range = rangeOfMark(editor.state.doc, mark);
        if (!range || !editor.isEditable) return false;
        const { tr } = editor.state;
        editor.view.dispatch(replacement ? tr.insertText(replacement, range.from, range.to) : tr.delete(range.from, range.to));
        return true;
      },
    };
    latest.current.onReady?.(api);
  }, [editor]);

  // Parents tend to pass a freshly mapped array on every render; re-anchor only when the
  // comments themselves change.
  const commentsKey = JSON.stringify(comments ?? []);

  // Comment anchors: resolved now, then again after each pause in editing. In between,
  // the plugin maps the highlights through every change, so they move with the text.
  useEffect(() => {
    if (!editor) return;
    const list = JSON.parse(commentsKey) as CommentHighlight[];
    let orphaned: string[] | null = null;
    const reanchor = () => {
      if (editor.isDestroyed) return;
      if (editor.view.composing) return task.schedule();
      const resolved = resolveCommentRanges(editor.state.doc, list);
      setCommentHighlights(editor.view, { ranges: resolved.ranges });
      if (orphaned === null || !sameIds(orphaned, resolved.orphanedIds)) {
        orphaned = resolved.orphanedIds;
        latest.current.onOrphanedComments?.(orphaned);
      }
    };
    const task = idleTask(reanchor, REANCHOR_DELAY_MS);
    reanchor();
    if (list.length === 0) return;
    const onTransaction = ({ transaction }: { transaction: { docChanged: boolean } }) => {
      if (transaction.docChanged) task.schedule();
    };
    editor.on("transaction", onTransaction);
    return () => {
      editor.off("transaction", onTransaction);
      task.cancel();
    };
  }, [editor, commentsKey]);

  const proofreadKey = JSON.stringify(props.proofreadMarks ?? []);
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    setProofreadHighlights(editor.view, JSON.parse(proofreadKey) as ProofreadMark[]);
  }, [editor, proofreadKey]);

  useEffect(() => {
    if (!editor) return;
    const activeId = activeCommentId ?? null;
    setCommentHighlights(editor.view, { activeId });
    if (activeId === null) return;
    // Bring the text into view when the comment was picked in the side panel.
    const highlight = editor.view.dom.querySelector(`[data-comment-id="${CSS.escape(activeId)}"]`);
    highlight?.scrollIntoView({ block: "nearest" });
  }, [editor, activeCommentId]);

  if (!editor) {
    return (
      <div className="report-editor" lang="zh-CN">
        <div className="report-body report-editor__content report-editor__loading">{t.loading}</div>
      </div>
    );
  }

  const requestComment = onRequestComment
    ? () => {
        const anchor = anchorOfSelection(editor.state);
        if (anchor) onRequestComment(anchor);
      }
    : undefined;

  return (
    <div className="report-editor" lang="zh-CN">
      <div className="report-editor__header">
        <Toolbar
          editor={editor}
          editable={editable}
          onOpenLink={() => setPanel({ kind: "link" })}
          onOpenFigure={() => setPanel({ kind: "figure", target: selectedFigure(editor) })}
          onUploadFiles={editable && mediaCommitteeId ? (files) => uploadRef.current?.(files, null) : undefined}
          onRequestComment={requestComment}
          focusRef={focusToolbarRef}
        />
        {editable && panel?.kind === "link" && <LinkPopover editor={editor} onClose={() => setPanel(null)} />}
        <UploadProgress uploads={uploads} onDismiss={(id) => setUploads((list) => list.filter((entry) => entry.id !== id))} />
      </div>
      <EditorContent editor={editor} />
      <div className="report-editor__footer">
        <CharCount editor={editor} onCharCount={props.onCharCount} />
      </div>
      {missingImages > 0 && (
        <div role="status" data-testid="pasted-images-notice" className="flex items-center gap-2 border-b border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          <span>{importMessages.pastedImages.replace("{n}", String(missingImages))}</span>
          <button type="button" className="ml-auto text-brand underline" onClick={() => setMissingImages(0)}>
            {importMessages.dismiss}
          </button>
        </div>
      )}
      {editable && panel?.kind === "figure" && <FigureDialog editor={editor} target={panel.target} onClose={() => setPanel(null)} committeeId={mediaCommitteeId} />}
    </div>
  );
}
