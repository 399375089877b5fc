// Images pasted from Word or WPS. Office puts them on the clipboard as <img src="file:///…">
// (a path on the author's disk, beside a VML shape), which the browser cannot read; Tiptap would drop them without a word. Each becomes a figure waiting for its photo (a
// visible slot in the body; double-click opens the figure dialog to give it one), and the
// editor shows a notice with how many there are.
import { Extension, type Editor } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { isSafeImageSrc } from "@/lib/content/urls";

export interface PastedImagesStorage {
  onMissing: ((count: number) => void) | null;
}

/** Replaces unreachable images in pasted HTML by pending figures; returns the HTML and how many. */
export function replaceUnreachableImages(html: string): { html: string; missing: number } {
  let missing = 0;
  const pending = () => {
    missing++;
    return '<figure class="report-figure"><img src="" alt=""></figure>';
  };
  // Word writes a VML shape and an <img> fallback for the same picture; only the <img> counts.
  const replaced = html.replace(/<img\b[^>]*>/giu, (tag) => {
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/iu.exec(tag);
    const value = src ? (src[1] ?? src[2] ?? src[3] ?? "") : "";
    return isSafeImageSrc(value) ? tag : pending();
  });
  return { html: replaced, missing };
}

export const PastedImages = Extension.create<Record<string, never>, PastedImagesStorage>({
  name: "pastedImages",
  addStorage() {
    return { onMissing: null };
  },
  addProseMirrorPlugins() {
    const storage = this.storage;
    return [
      new Plugin({
        key: new PluginKey("pastedImages"),
        props: {
          transformPastedHTML(html) {
            const result = replaceUnreachableImages(html);
            if (result.missing > 0) storage.onMissing?.(result.missing);
            return result.html;
          },
        },
      }),
    ];
  },
});

/** Registers the editor's handler for pictures the clipboard could not carry. */
export function onMissingPastedImages(editor: Editor, handler: (count: number) => void): void {
  (editor.storage as unknown as { pastedImages: PastedImagesStorage }).pastedImages.onMissing = handler;
}
