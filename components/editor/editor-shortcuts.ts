import { Extension, type Editor } from "@tiptap/core";

/** Per editor; the React component fills these in once the editor exists. */
export interface EditorShortcutsStorage {
  openLink: (() => void) | null;
  focusToolbar: (() => void) | null;
}

declare module "@tiptap/core" {
  interface Storage {
    reportEditorShortcuts: EditorShortcutsStorage;
  }
}

export function setEditorShortcutHandlers(editor: Editor, handlers: EditorShortcutsStorage): void {
  Object.assign(editor.storage.reportEditorShortcuts, handlers);
}

/**
 * Shortcuts that open editor UI rather than change the document. ProseMirror
 * does not run key bindings while an IME composition is in progress, so these
 * never interfere with typing Chinese.
 */
export const EditorShortcuts = Extension.create<Record<string, never>, EditorShortcutsStorage>({
  name: "reportEditorShortcuts",

  addStorage() {
    return { openLink: null, focusToolbar: null };
  },

  addKeyboardShortcuts() {
    return {
      "Mod-k": () => {
        if (!this.editor.isEditable || !this.storage.openLink) return false;
        this.storage.openLink();
        return true;
      },
      // The usual way from the text to the toolbar in rich-text editors (TinyMCE, CKEditor).
      "Alt-F10": () => {
        if (!this.storage.focusToolbar) return false;
        this.storage.focusToolbar();
        return true;
      },
    };
  },
});
