import { parseContent, type TiptapDoc } from "@/lib/content/validate";
import { renderContent, type MediaLookup } from "@/lib/content/render";
import { invalid } from "../errors";

/** An empty body: one empty paragraph, as the editor starts. */
export const EMPTY_DOC: TiptapDoc = { type: "doc", content: [{ type: "paragraph" }] };

/**
 * Validates Tiptap JSON from a client against the editor's schema and derives, on the
 * server, everything stored beside it. The server never takes HTML from a client.
 */
export function prepareContent(input: unknown, media?: MediaLookup) {
  const parsed = parseContent(input);
  if (!parsed.ok) throw invalid(parsed.error.message);
  const rendered = renderContent(parsed.doc, { media });
  return { content: parsed.doc, ...rendered };
}
