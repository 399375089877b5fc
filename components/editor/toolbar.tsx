"use client";

import { isMacOS, type Editor } from "@tiptap/core";
import { undoDepth, redoDepth } from "@tiptap/pm/history";
import { NodeSelection } from "@tiptap/pm/state";
import { useEditorState, type EditorStateSnapshot } from "@tiptap/react";
import { useEffect, useLayoutEffect, useRef, useSyncExternalStore, type FocusEvent, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { subscribeToNothing } from "@/components/ui/use-hydrated";
import type { TextAlignment } from "@/lib/content/extensions";
import { format } from "@/lib/i18n";
import { editorMessages as t } from "@/lib/i18n/editor.zh-CN";
import { mediaMessages } from "@/lib/i18n/media.zh-CN";
import { icons } from "./icons";
import { ariaKeyShortcuts, shortcutLabel, SHORTCUTS, type Shortcut } from "./shortcuts";

/**
 * What the toolbar shows, read on every transaction: keep it cheap (no
 * document walks, no getJSON) — it runs once per keystroke.
 */
function selectToolbarState({ editor }: EditorStateSnapshot<Editor>) {
  const { state } = editor;
  const { selection } = state;
  const figureSelected = selection instanceof NodeSelection && selection.node.type.name === "figure";
  const textblock = selection.$from.parent;
  return {
    paragraph: textblock.type.name === "paragraph" && !figureSelected,
    headingLevel: textblock.type.name === "heading" ? (textblock.attrs.level as number) : null,
    bold: editor.isActive("bold"),
    italic: editor.isActive("italic"),
    underline: editor.isActive("underline"),
    strike: editor.isActive("strike"),
    orderedList: editor.isActive("orderedList"),
    bulletList: editor.isActive("bulletList"),
    blockquote: editor.isActive("blockquote"),
    link: editor.isActive("link"),
    inTable: editor.isActive("table"),
    figureSelected,
    // Unaligned text is justified on the public page (.report-body).
    alignment: ((textblock.attrs.textAlign as TextAlignment | null | undefined) ?? "justify") as TextAlignment,
    canUndo: undoDepth(state) > 0,
    canRedo: redoDepth(state) > 0,
    hasTextSelection: !selection.empty && !figureSelected,
  };
}

/** ⌘ on Apple systems; false during server rendering, where the toolbar is not shown anyway. */
function useIsMac(): boolean {
  return useSyncExternalStore(subscribeToNothing, isMacOS, () => false);
}

interface ToolButtonProps {
  label: string;
  shortcut?: Shortcut;
  pressed?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  /** Extra text after the label in the tooltip, e.g. why the button is disabled. */
  hint?: string;
  wide?: boolean;
  end?: boolean;
}

function ToolButton({ label, shortcut, pressed, disabled, onClick, children, hint, wide, end }: ToolButtonProps) {
  const mac = useIsMac();
  const titled = shortcut ? format(t.withShortcut, { label, shortcut: shortcutLabel(shortcut, mac) }) : label;
  return (
    <button
      type="button"
      className={`report-editor__button${wide ? " is-wide" : ""}${end ? " is-end" : ""}`}
      aria-label={label}
      title={hint ? `${titled}　${hint}` : titled}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut ? ariaKeyShortcuts(shortcut, mac) : undefined}
      disabled={disabled}
      // Keep the editor's focus and selection: the command refocuses it anyway.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

function Divider() {
  return <span className="report-editor__divider" aria-hidden="true" />;
}

/**
 * WAI-ARIA toolbar keyboard pattern: one Tab stop, arrow keys move between
 * buttons. Tab indexes are set on the DOM, not as props, so a re-render on a
 * toolbar state change does not reset the roving position.
 */
function useRovingFocus() {
  const containerRef = useRef<HTMLDivElement>(null);
  const currentRef = useRef(0);

  const buttons = () => Array.from(containerRef.current?.querySelectorAll<HTMLButtonElement>("button:not([disabled])") ?? []);

  useLayoutEffect(() => {
    const all = buttons();
    const current = Math.min(currentRef.current, all.length - 1);
    all.forEach((button, index) => (button.tabIndex = index === current ? 0 : -1));
  });

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const target: EventTarget = event.target;
    const index = buttons().findIndex((button) => button === target);
    if (index < 0) return;
    currentRef.current = index;
    buttons().forEach((button, i) => (button.tabIndex = i === index ? 0 : -1));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = buttons();
    const index = all.findIndex((button) => button === document.activeElement);
    if (index < 0) return;
    const next =
      event.key === "ArrowRight" ? (index + 1) % all.length
      : event.key === "ArrowLeft" ? (index - 1 + all.length) % all.length
      : event.key === "Home" ? 0
      : event.key === "End" ? all.length - 1
      : null;
    if (next === null) return;
    event.preventDefault();
    all[next]?.focus();
  };

  /** Focuses the button last used (Alt+F10 from the text). */
  const focusToolbar = () => {
    const all = buttons();
    all[Math.min(currentRef.current, all.length - 1)]?.focus();
  };

  return { containerRef, onFocus, onKeyDown, focusToolbar };
}

export interface ToolbarProps {
  editor: Editor;
  editable: boolean;
  onOpenLink: () => void;
  onOpenFigure: () => void;
  /** Shows the 「上传图片」 button (with a file chooser) when given. */
  onUploadFiles?: (files: File[]) => void;
  /** Shown only when given; works on a read-only body. */
  onRequestComment?: () => void;
  /** Set to the function that moves focus into the toolbar (for Alt+F10 in the text). */
  focusRef?: RefObject<(() => void) | null>;
}

export function Toolbar({ editor, editable, onOpenLink, onOpenFigure, onUploadFiles, onRequestComment, focusRef }: ToolbarProps) {
  const fileInputRef = useRef<HTMLInputElement>(null);
  const s = useEditorState({ editor, selector: selectToolbarState });
  const { containerRef, onFocus, onKeyDown, focusToolbar } = useRovingFocus();
  useEffect(() => {
    if (focusRef) focusRef.current = focusToolbar;
  });
  const tb = t.toolbar;
  const chain = () => editor.chain().focus();

  const commentButton = onRequestComment && (
    <ToolButton label={tb.comment} disabled={!s.hasTextSelection} hint={s.hasTextSelection ? undefined : tb.commentHint} onClick={onRequestComment} wide end>
      {icons.comment}
      <span>{tb.comment}</span>
    </ToolButton>
  );

  if (!editable) {
    if (!commentButton) return null;
    return (
      <div ref={containerRef} role="toolbar" aria-label={tb.label} className="report-editor__toolbar" onFocus={onFocus} onKeyDown={onKeyDown}>
        <div className="report-editor__row">{commentButton}</div>
      </div>
    );
  }

  const alignments: Array<[TextAlignment, string, Shortcut, ReactNode]> = [
    ["left", tb.alignLeft, SHORTCUTS.alignLeft, icons.alignLeft],
    ["center", tb.alignCenter, SHORTCUTS.alignCenter, icons.alignCenter],
    ["right", tb.alignRight, SHORTCUTS.alignRight, icons.alignRight],
    ["justify", tb.alignJustify, SHORTCUTS.alignJustify, icons.alignJustify],
  ];
  const headings = [
    [2, tb.heading2, SHORTCUTS.heading2],
    [3, tb.heading3, SHORTCUTS.heading3],
    [4, tb.heading4, SHORTCUTS.heading4],
  ] as const;

  return (
    <div
      ref={containerRef}
      role="toolbar"
      aria-label={tb.label}
      className="report-editor__toolbar"
      onFocus={onFocus}
      onKeyDown={onKeyDown}
    >
      <div className="report-editor__row">
        <ToolButton label={tb.paragraph} shortcut={SHORTCUTS.paragraph} pressed={s.paragraph} onClick={() => chain().setParagraph().run()} wide>
          {tb.paragraphShort}
        </ToolButton>
        {headings.map(([level, label, shortcut]) => (
          <ToolButton
            key={level}
            label={label}
            shortcut={shortcut}
            pressed={s.headingLevel === level}
            onClick={() => chain().toggleHeading({ level }).run()}
            wide
          >
            {label}
          </ToolButton>
        ))}
        <Divider />
        <ToolButton label={tb.bold} shortcut={SHORTCUTS.bold} pressed={s.bold} onClick={() => chain().toggleBold().run()}>
          <b>B</b>
        </ToolButton>
        <ToolButton label={tb.italic} shortcut={SHORTCUTS.italic} pressed={s.italic} onClick={() => chain().toggleItalic().run()}>
          <i>I</i>
        </ToolButton>
        <ToolButton label={tb.underline} shortcut={SHORTCUTS.underline} pressed={s.underline} onClick={() => chain().toggleUnderline().run()}>
          <u>U</u>
        </ToolButton>
        <ToolButton label={tb.strike} shortcut={SHORTCUTS.strike} pressed={s.strike} onClick={() => chain().toggleStrike().run()}>
          <s>S</s>
        </ToolButton>
        <Divider />
        <ToolButton label={tb.orderedList} shortcut={SHORTCUTS.orderedList} pressed={s.orderedList} onClick={() => chain().toggleOrderedList().run()}>
          {icons.orderedList}
        </ToolButton>
        <ToolButton label={tb.bulletList} shortcut={SHORTCUTS.bulletList} pressed={s.bulletList} onClick={() => chain().toggleBulletList().run()}>
          {icons.bulletList}
        </ToolButton>
        <ToolButton label={tb.blockquote} shortcut={SHORTCUTS.blockquote} pressed={s.blockquote} onClick={() => chain().toggleBlockquote().run()}>
          {icons.blockquote}
        </ToolButton>
        <Divider />
        <ToolButton label={tb.link} shortcut={SHORTCUTS.link} pressed={s.link} onClick={onOpenLink}>
          {icons.link}
        </ToolButton>
        <ToolButton label={tb.horizontalRule} onClick={() => chain().setHorizontalRule().run()}>
          {icons.horizontalRule}
        </ToolButton>
        <ToolButton
          label={tb.table}
          disabled={s.inTable}
          onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}
        >
          {icons.table}
        </ToolButton>
        <ToolButton label={s.figureSelected ? tb.editImage : tb.image} pressed={s.figureSelected} onClick={onOpenFigure}>
          {icons.image}
        </ToolButton>
        {onUploadFiles && (
          <>
            <ToolButton label={mediaMessages.upload.button} onClick={() => fileInputRef.current?.click()} wide>
              {mediaMessages.upload.button}
            </ToolButton>
            <input
              ref={fileInputRef}
              type="file"
              accept="image/*"
              multiple
              hidden
              data-testid="media-upload-input"
              onChange={(event) => {
                const files = Array.from(event.target.files ?? []);
                // Cleared so that choosing the same file again fires another change.
                event.target.value = "";
                if (files.length > 0) onUploadFiles(files);
              }}
            />
          </>
        )}
        <Divider />
        {alignments.map(([alignment, label, shortcut, icon]) => (
          <ToolButton
            key={alignment}
            label={label}
            shortcut={shortcut}
            pressed={s.alignment === alignment}
            // Pressing the active alignment returns to the default (justified).
            onClick={() => (s.alignment === alignment ? chain().unsetTextAlign().run() : chain().setTextAlign(alignment).run())}
          >
            {icon}
          </ToolButton>
        ))}
        <Divider />
        <ToolButton label={tb.undo} shortcut={SHORTCUTS.undo} disabled={!s.canUndo} onClick={() => chain().undo().run()}>
          {icons.undo}
        </ToolButton>
        <ToolButton label={tb.redo} shortcut={SHORTCUTS.redo} disabled={!s.canRedo} onClick={() => chain().redo().run()}>
          {icons.redo}
        </ToolButton>
        {commentButton}
      </div>
      {s.inTable && <TableTools editor={editor} />}
    </div>
  );
}

function TableTools({ editor }: { editor: Editor }) {
  const tt = t.table;
  const chain = () => editor.chain().focus();
  const actions: Array<[string, () => boolean]> = [
    [tt.addRowBefore, () => chain().addRowBefore().run()],
    [tt.addRowAfter, () => chain().addRowAfter().run()],
    [tt.deleteRow, () => chain().deleteRow().run()],
    [tt.addColumnBefore, () => chain().addColumnBefore().run()],
    [tt.addColumnAfter, () => chain().addColumnAfter().run()],
    [tt.deleteColumn, () => chain().deleteColumn().run()],
    [tt.toggleHeaderRow, () => chain().toggleHeaderRow().run()],
    [tt.deleteTable, () => chain().deleteTable().run()],
  ];
  return (
    <div className="report-editor__row report-editor__row--table" role="group" aria-label={t.toolbar.tableLabel}>
      <span className="report-editor__row-label" aria-hidden="true">
        {t.toolbar.tableLabel}
      </span>
      {actions.map(([label, run]) => (
        <ToolButton key={label} label={label} onClick={run} wide>
          {label}
        </ToolButton>
      ))}
    </div>
  );
}
