/**
 * What a file is, from its first bytes: the name and the browser's claimed type are the
 * uploader's word, the bytes are not. Only the image formats the site accepts are
 * recognised as such; a few formats people mistake for images are named so the refusal
 * can say what the file really is.
 */
export type ImageKind = "jpeg" | "png" | "gif" | "webp" | "avif" | "heic";
export type SniffResult = { kind: "image"; format: ImageKind } | { kind: "other"; what: "svg" | "html" | "zip" | "pdf" | "empty" | "unknown" };

const ascii = (bytes: Uint8Array, start: number, length: number): string => String.fromCharCode(...bytes.subarray(start, start + length));

const AVIF_BRANDS = new Set(["avif", "avis"]);
const HEIC_BRANDS = new Set(["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1"]);

/** ISO-BMFF (`ftyp` box): AVIF and HEIC share the container and differ by brand. */
function sniffFtyp(bytes: Uint8Array): ImageKind | null {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== "ftyp") return null;
  const boxSize = Math.min(((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0, bytes.length, 256);
  const brands = [ascii(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= boxSize; offset += 4) brands.push(ascii(bytes, offset, 4));
  if (brands.some((brand) => AVIF_BRANDS.has(brand))) return "avif";
  if (brands.some((brand) => HEIC_BRANDS.has(brand))) return "heic";
  return null;
}

export function sniffImage(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { kind: "other", what: "empty" };
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return { kind: "image", format: "jpeg" };
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === "PNG" && bytes[4] === 0x0d && bytes[5] === 0x0a && bytes[6] === 0x1a && bytes[7] === 0x0a) {
    return { kind: "image", format: "png" };
  }
  if (bytes.length >= 6 && (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a")) return { kind: "image", format: "gif" };
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return { kind: "image", format: "webp" };
  const ftyp = sniffFtyp(bytes);
  if (ftyp) return { kind: "image", format: ftyp };
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05 || bytes[2] === 0x07)) return { kind: "other", what: "zip" };
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === "%PDF-") return { kind: "other", what: "pdf" };
  // Text formats: look past a byte-order mark and leading whitespace or comments.
  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 1024)).replace(/^\ufeff/, "").trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg")) || /<svg[\s>]/.test(head)) return { kind: "other", what: "svg" };
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /<(html|head|body|script|iframe)[\s>]/.test(head)) return { kind: "other", what: "html" };
  return { kind: "other", what: "unknown" };
}

export const MIME_TYPES: Record<ImageKind, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  heic: "image/heic",
};
