"use client";

import type { Editor } from "@tiptap/core";
import { useId, useState, type FormEvent, type KeyboardEvent } from "react";
import { isSafeLinkHref } from "@/lib/content/urls";
import { editorMessages as t } from "@/lib/i18n/editor.zh-CN";

/**
 * "www.gov.cn/zhengce" is what people paste from an address bar without the
 * scheme; treat a bare host name as https. Anything else is checked as typed.
 */
export function normalizeLinkInput(value: string): string {
  const trimmed = value.trim();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]|$)/i.test(trimmed)) return `https://${trimmed}`;
  return trimmed;
}

interface LinkPopoverProps {
  editor: Editor;
  onClose: () => void;
}

/** Inline panel under the toolbar for setting or removing the link at the selection. */
export function LinkPopover({ editor, onClose }: LinkPopoverProps) {
  const inputId = useId();
  const errorId = useId();
  const existing = (editor.getAttributes("link").href as string | undefined) ?? "";
  const [href, setHref] = useState(existing);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const value = normalizeLinkInput(href);
    if (value === "") return setError(t.link.required);
    if (!isSafeLinkHref(value)) return setError(t.link.unsafe);

    const { empty } = editor.state.selection;
    if (empty && !editor.isActive("link")) {
      // Nothing selected: the address itself becomes the linked text.
      editor.chain().focus().insertContent({ type: "text", text: value, marks: [{ type: "link", attrs: { href: value } }] }).run();
    } else {
      editor.chain().focus().extendMarkRange("link").setLink({ href: value }).run();
    }
    onClose();
  };

  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      close();
    }
  };

  return (
    <form className="report-editor__panel" role="dialog" aria-label={t.link.dialogLabel} onSubmit={apply} onKeyDown={onKeyDown} noValidate>
      <label htmlFor={inputId} className="report-editor__panel-label">
        {t.link.url}
      </label>
      <input
        id={inputId}
        className="report-editor__input"
        type="text"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        // The panel opens on a deliberate click or Ctrl+K; the field is what the user came for.
        autoFocus
        value={href}
        placeholder={t.link.urlPlaceholder}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setHref(event.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="report-editor__action is-primary">
        {t.link.apply}
      </button>
      {existing !== "" && (
        <button type="button" className="report-editor__action" onClick={remove}>
          {t.link.remove}
        </button>
      )}
      <button type="button" className="report-editor__action" onClick={close}>
        {t.link.cancel}
      </button>
      {error && (
        <p id={errorId} className="report-editor__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
