/** A file the importer refuses; `message` is for the person importing it (Simplified Chinese). */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}

/**
 * Hands an imported photo to the media store. Returns where it is now; `{ refused }` with the
 * reason in Chinese when the store refused this image (too large, a decompression bomb,
 * damaged…), or null when it declined without a reason — the figure then waits for its photo,
 * with a warning, and the rest of the document is imported. `{ deferred: true }`: the photo
 * passed the checks and will be stored later (a preview stores nothing); its figure shows no
 * photo yet but does not count as waiting.
 */
export type StoreImage = (bytes: Uint8Array, contentType: string) => Promise<StoredImage | { refused: string } | { deferred: true } | null>;

export interface StoredImage {
  mediaId: string;
  src: string;
}

/** Content type from the image's first bytes; never from what the file claims. */
export function sniffImage(bytes: Uint8Array): string | null {
  const b = bytes;
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return "image/png";
  if (b.length >= 6 && b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38) return "image/gif";
  if (b.length >= 12 && b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return "image/webp";
  return null;
}

/**
 * Bytes that are text (a script, HTML, SVG with script) rather than a picture: mostly
 * printable ASCII or starting with `<` / `#!`. Such a part in a .docx is an attack, not
 * a picture format we merely cannot show, so the whole file is refused.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  if (head.length === 0) return true;
  let printable = 0;
  for (const byte of head) if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127)) printable++;
  return printable / head.length > 0.9;
}
