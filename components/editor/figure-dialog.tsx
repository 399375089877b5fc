"use client";

import type { Editor } from "@tiptap/core";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { FigureAttrs } from "@/lib/content/extensions";
import { isSafeImageSrc } from "@/lib/content/urls";
import { editorMessages as t } from "@/lib/i18n/editor.zh-CN";
import { mediaMessages as mt } from "@/lib/i18n/media.zh-CN";
import { MediaPicker } from "./media-picker";
import { uploadMediaFile, type MediaItem } from "./media-upload";

/** The figure being edited: its position and attributes, or null to insert a new one. */
export interface FigureTarget {
  pos: number;
  attrs: FigureAttrs;
}

interface FigureDialogProps {
  editor: Editor;
  target: FigureTarget | null;
  onClose: () => void;
  /** The committee whose media library may be picked from; no library without it. */
  committeeId?: string;
}

const orNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

/** Modal form for a figure's image address, alt text, caption and credit. */
export function FigureDialog({ editor, target, onClose, committeeId }: FigureDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const ids = { src: useId(), alt: useId(), caption: useId(), credit: useId(), error: useId(), title: useId() };
  const [fields, setFields] = useState({
    src: target?.attrs.src ?? "",
    alt: target?.attrs.alt ?? "",
    caption: target?.attrs.caption ?? "",
    credit: target?.attrs.credit ?? "",
  });
  const [error, setError] = useState<string | null>(null);
  const [mediaId, setMediaId] = useState<string | null>(target?.attrs.mediaId ?? null);
  const [picking, setPicking] = useState(false);
  const [pickedSrc, setPickedSrc] = useState<string | null>(null);
  const [uploading, setUploading] = useState<{ name: string; progress: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  /** A library item for this figure (picked or just uploaded): its texts fill only the blanks. */
  const takeItem = (item: MediaItem) => {
    setFields((current) => ({
      src: item.src,
      alt: current.alt || item.alt,
      caption: current.caption || item.caption,
      credit: current.credit || item.credit,
    }));
    setMediaId(item.id);
    setPickedSrc(item.src);
    setError(null);
  };

  /** Uploads a photo into this figure — how a 「待补图片」 slot gets its photo, keeping its caption. */
  const upload = (file: File) => {
    if (!committeeId) return;
    setUploadError(null);
    setUploading({ name: file.name, progress: 0 });
    uploadMediaFile(file, committeeId, (progress) => setUploading({ name: file.name, progress }))
      .then(takeItem)
      .catch((caught: Error) => setUploadError(caught.message))
      .finally(() => setUploading(null));
  };

  useEffect(() => {
    // showModal gives focus trapping, Escape and the backdrop for free.
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const close = () => {
    onClose();
    editor.commands.focus();
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const src = fields.src.trim();
    // An empty address is a figure waiting for its photo (shown as 「待补图片」).
    if (src !== "" && !isSafeImageSrc(src)) return setError(t.figure.unsafe);
    const attrs: FigureAttrs = {
      src,
      alt: orNull(fields.alt),
      caption: orNull(fields.caption),
      credit: orNull(fields.credit),
      // A typed address no longer points at the media library item.
      mediaId: src !== "" && mediaId && (target?.attrs.src === src || pickedSrc === src) ? mediaId : null,
    };
    if (target) {
      editor
        .chain()
        .focus()
        .command(({ tr }) => {
          tr.setNodeMarkup(target.pos, undefined, attrs);
          return true;
        })
        .setNodeSelection(target.pos)
        .run();
    } else {
      editor.chain().focus().insertContent({ type: "figure", attrs }).run();
    }
    onClose();
  };

  const field = (name: "src" | "alt" | "caption" | "credit", label: string, options: { placeholder?: string; hint?: string; required?: boolean } = {}) => (
    <div className="report-editor__field">
      <label htmlFor={ids[name]}>
        {label}
        {options.required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={ids[name]}
        className="report-editor__input"
        type="text"
        value={fields[name]}
        placeholder={options.placeholder}
        required={options.required}
        aria-invalid={name === "src" && error !== null}
        aria-describedby={name === "src" && error ? ids.error : undefined}
        spellCheck={name !== "src"}
        onChange={(event) => {
          setFields({ ...fields, [name]: event.target.value });
          if (name === "src") setError(null);
        }}
      />
      {options.hint && <p className="report-editor__hint">{options.hint}</p>}
    </div>
  );

  return (
    <dialog ref={dialogRef} className="report-editor__dialog" aria-labelledby={ids.title} onClose={close}>
      <form method="dialog" onSubmit={apply} noValidate>
        <h2 id={ids.title} className="report-editor__dialog-title">
          {target ? t.figure.editTitle : t.figure.insertTitle}
        </h2>
        {committeeId &&
          (picking ? (
            <MediaPicker
              committeeId={committeeId}
              onClose={() => setPicking(false)}
              onPick={(item) => {
                // The library's texts fill the blanks; what the person already typed stays.
                takeItem(item);
                setPicking(false);
              }}
            />
          ) : (
            <div className="report-editor__dialog-actions">
              <button type="button" className="report-editor__action" onClick={() => setPicking(true)}>
                {mt.figure.fromLibrary}
              </button>
              <button type="button" className="report-editor__action" disabled={uploading !== null} onClick={() => fileRef.current?.click()}>
                {mt.figure.upload}
              </button>
              <input
                ref={fileRef}
                type="file"
                accept="image/*"
                hidden
                data-testid="figure-upload-input"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = "";
                  if (file) upload(file);
                }}
              />
            </div>
          ))}
        {uploading && (
          <p className="report-editor__hint" data-testid="figure-upload">
            <progress max={1} value={uploading.progress} aria-label={mt.upload.progressLabel.replace("{name}", uploading.name)} /> {mt.upload.uploading.replace("{name}", uploading.name)}
          </p>
        )}
        {uploadError && (
          <p className="report-editor__error" role="alert">
            {uploadError}
          </p>
        )}
        {field("src", mt.figure.srcOptional, { placeholder: mt.figure.srcPlaceholder })}
        {error && (
          <p id={ids.error} className="report-editor__error" role="alert">
            {error}
          </p>
        )}
        {field("alt", t.figure.alt, { hint: t.figure.altHint })}
        {field("caption", t.figure.caption)}
        {field("credit", t.figure.credit, { placeholder: t.figure.creditPlaceholder })}
        <div className="report-editor__dialog-actions">
          <button type="button" className="report-editor__action" onClick={() => dialogRef.current?.close()}>
            {t.figure.cancel}
          </button>
          <button type="submit" className="report-editor__action is-primary" disabled={uploading !== null}>
            {t.figure.apply}
          </button>
        </div>
      </form>
    </dialog>
  );
}
