import type { TextAnchor } from "@/lib/content/anchor";
import type { TiptapDoc } from "@/lib/content/validate";
import type { ProofreadMark } from "./proofread-highlights";

/** A review comment as the editor paints it. */
export interface CommentHighlight {
  id: string;
  anchor: TextAnchor;
  resolved: boolean;
}

/** Imperative handle passed to `onReady`, for the page that owns the editor. */
export interface ReportEditorApi {
  /** The current document; use this rather than waiting for the deferred `onChange`. */
  getJSON(): TiptapDoc;
  /** Replaces the document (e.g. after restoring a version); does not fire `onChange`. */
  setContent(doc: TiptapDoc): void;
  focus(): void;
  /** Anchor of the selected text, or null when nothing (or only whitespace) is selected. */
  getSelectionAnchor(): TextAnchor | null;
  /** Selects a proofreading finding's text and scrolls to it; false when the text is gone. */
  revealProofread(mark: ProofreadMark): boolean;
  /** Replaces a finding's text with `replacement` ("" deletes it); false when the text is gone. */
  fixProofread(mark: ProofreadMark, replacement: string): boolean;
}
