import type { TiptapDoc } from "@/lib/content/validate";

/** Media ids of the figures of a document, in order, without repeats. */
export function figureMediaIds(doc: unknown): string[] {
  const ids = new Set<string>();
  const walk = (node: unknown, depth: number) => {
    if (depth > 100 || typeof node !== "object" || node === null) return;
    const { type, attrs, content } = node as TiptapDoc;
    if (type === "figure" && attrs && typeof attrs.mediaId === "string" && attrs.mediaId !== "") ids.add(attrs.mediaId);
    if (Array.isArray(content)) for (const child of content) walk(child, depth + 1);
  };
  walk(doc, 0);
  return [...ids];
}
