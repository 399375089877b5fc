/**
 * Which renditions an image gets and what they are called. Pure, so the plan can be tested
 * without encoding anything.
 */
// 720 is what a phone needs: a body column of 380 CSS pixels (a 412-pixel screen less the page's
// margins) at 1.75 device pixels per pixel is 665 pixels, which without it took the 960 rendition
// (about 1.7 times the bytes, on the page's Largest Contentful Paint).
export const VARIANT_WIDTHS = [480, 720, 960, 1600] as const;
export const VARIANT_FORMATS = ["avif", "webp", "jpeg"] as const;
export type VariantFormat = (typeof VARIANT_FORMATS)[number];

export const VARIANT_MIME: Record<VariantFormat, string> = { avif: "image/avif", webp: "image/webp", jpeg: "image/jpeg" };
const EXTENSION: Record<VariantFormat, string> = { avif: "avif", webp: "webp", jpeg: "jpg" };

export interface MediaVariant {
  width: number;
  height: number;
  storageKey: string;
  mimeType: string;
  bytes: number;
}

/**
 * Widths to produce for an image `width` pixels wide: the standard widths below it and the
 * image's own width when it is narrower than the largest, never an upscale.
 */
export function plannedWidths(width: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((candidate) => candidate < width);
  if (width <= VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!) widths.push(width);
  else widths.push(VARIANT_WIDTHS[VARIANT_WIDTHS.length - 1]!);
  return [...new Set(widths)].sort((a, b) => a - b);
}

export function heightAt(width: number, original: { width: number; height: number }): number {
  return Math.max(1, Math.round((original.height * width) / original.width));
}

/**
 * `ab/<sha256>-960.webp`: named by the hash of the uploaded bytes, so a name never points at
 * other content (the files can be cached for a year and are unguessable without the image),
 * and the two-character folder keeps directories small on a local disk.
 */
export function variantKey(contentHash: string, width: number, format: VariantFormat): string {
  if (!/^[0-9a-f]{64}$/.test(contentHash)) throw new Error("content hash must be a sha256 in hex");
  return `${contentHash.slice(0, 2)}/${contentHash}-${width}.${EXTENSION[format]}`;
}

export function isVariantKey(key: string): boolean {
  return /^[0-9a-f]{2}\/[0-9a-f]{64}-\d{1,5}\.(avif|webp|jpg)$/.test(key);
}

export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

/** Parses the stored JSON defensively: rows written by older code may lack fields. */
export function parseVariants(value: unknown): MediaVariant[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is MediaVariant =>
      typeof item === "object" &&
      item !== null &&
      typeof (item as MediaVariant).width === "number" &&
      typeof (item as MediaVariant).storageKey === "string" &&
      typeof (item as MediaVariant).mimeType === "string",
  );
}

/** The rendition the editor shows and `src` points at: the middle JPEG, or the largest below it. */
export function editorVariant(variants: readonly MediaVariant[]): MediaVariant | null {
  const jpegs = variants.filter((variant) => variant.mimeType === "image/jpeg").sort((a, b) => a.width - b.width);
  return jpegs.find((variant) => variant.width >= 960) ?? jpegs[jpegs.length - 1] ?? null;
}
