import crypto from "node:crypto";
import sharp, { type Metadata, type OutputInfo, type Sharp } from "sharp";
import { format } from "@/lib/i18n";
import { mediaMessages as t } from "@/lib/i18n/media.zh-CN";
import { MediaRefusal } from "./errors";
import { maxImagePixels, maxUploadBytes } from "./limits";
import { sniffImage, MIME_TYPES, type ImageKind } from "./sniff";
import { heightAt, plannedWidths, VARIANT_MIME, variantKey, type VariantFormat } from "./variants";

export interface VariantFile {
  storageKey: string;
  mimeType: string;
  width: number;
  height: number;
  body: Buffer;
}

export interface ProcessedImage {
  contentHash: string;
  /** Type of the uploaded file, by its bytes. */
  mimeType: string;
  /** Upright size (after EXIF orientation). */
  width: number;
  height: number;
  variants: VariantFile[];
}

export interface ProcessOptions {
  maxBytes?: number;
  maxPixels?: number;
}

export function sha256(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

const BY_FORMAT: Record<VariantFormat, (image: Sharp) => Sharp> = {
  // Effort trades encoding time for size. AVIF at effort 2 took ~2.6 s for the 1600-pixel
  // rendition alone on this 2-core machine, effort 0 ~0.55 s; the goal is all renditions of a
  // 12 MP photo within 2 s, and the JPEG fallback stays the smallest-common-denominator.
  avif: (image) => image.avif({ quality: 55, effort: 0 }),
  webp: (image) => image.webp({ quality: 78, effort: 2 }),
  jpeg: (image) => image.jpeg({ quality: 80, mozjpeg: false, progressive: true }),
};

function refuseType(what: "svg" | "html" | "zip" | "pdf" | "empty" | "unknown"): never {
  throw new MediaRefusal(`type_${what}`, t.errors[what], what === "empty" ? 400 : 415);
}

/** sharp reports a damaged file as an Error whose message comes from libvips. */
function isDecodeError(error: unknown): boolean {
  return error instanceof Error && !(error instanceof MediaRefusal);
}

/**
 * The checks of an upload that need no decoding: size, type by the bytes, and the pixel count
 * declared in the header (so a decompression bomb is refused without being decoded). Refuses
 * with a MediaRefusal; the import preview uses it to say which photos would be refused.
 */
export async function inspectImage(bytes: Buffer, options: ProcessOptions = {}): Promise<{ kind: ImageKind; metadata: Metadata; maxPixels: number }> {
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const maxPixels = options.maxPixels ?? maxImagePixels();
  if (bytes.length > maxBytes) {
    throw new MediaRefusal("too_large", format(t.errors.tooLarge, { limit: Math.floor(maxBytes / 1024 / 1024) }), 413);
  }
  const sniffed = sniffImage(bytes);
  if (sniffed.kind !== "image") refuseType(sniffed.what);
  const kind: ImageKind = sniffed.format;
  // The libvips inside sharp's npm packages reads HEIF only with AV1 inside (AVIF); iPhone
  // HEIC photos carry HEVC, which it cannot decode, so say so instead of "damaged".
  if (kind === "heic") throw new MediaRefusal("type_heic", t.errors.heic, 415);

  let metadata: Metadata;
  try {
    // The header only: no pixel limit here, so the size can be told in the refusal below.
    metadata = await sharp(bytes, { ...DECODE, limitInputPixels: false }).metadata();
  } catch (error) {
    if (isDecodeError(error)) throw new MediaRefusal("corrupt", t.errors.corrupt, 422);
    throw error;
  }
  const declaredWidth = metadata.width ?? 0;
  const declaredHeight = metadata.pageHeight ?? metadata.height ?? 0;
  if (declaredWidth <= 0 || declaredHeight <= 0) throw new MediaRefusal("corrupt", t.errors.corrupt, 422);
  if (declaredWidth * declaredHeight > maxPixels) {
    throw new MediaRefusal(
      "too_many_pixels",
      format(t.errors.tooManyPixels, { width: declaredWidth, height: declaredHeight, limit: Math.floor(maxPixels / 10_000) }),
      413,
    );
  }
  return { kind, metadata, maxPixels };
}

// `failOn: "warning"` refuses a truncated JPEG instead of rendering its missing half grey.
const DECODE = { failOn: "warning", animated: false } as const;

/**
 * Checks an uploaded file and makes its renditions. The file is refused, with the reason in
 * Chinese, when it is too large, not one of the accepted image formats by its bytes, declares
 * more pixels than allowed (checked from the header, before anything is decoded) or cannot be
 * decoded to the end (truncated or damaged). The renditions are upright (EXIF orientation
 * applied) and carry no metadata at all: sharp writes none unless asked, so GPS position,
 * camera serial numbers and the like never leave the uploader's file.
 */
export async function processImage(bytes: Buffer, options: ProcessOptions = {}): Promise<ProcessedImage> {
  const { kind, metadata, maxPixels } = await inspectImage(bytes, options);
  // `limitInputPixels` is libvips' own guard; inspectImage's header check gives the clear message.
  const input = { ...DECODE, limitInputPixels: maxPixels } as const;

  // Decode once, upright and no wider than the largest rendition (JPEG shrink-on-load makes
  // this much cheaper than a full decode); every rendition is made from this buffer.
  const widths = plannedWidths(orientedWidth(metadata));
  const largest = widths[widths.length - 1]!;
  let base: { data: Buffer; info: OutputInfo };
  try {
    base = await sharp(bytes, input)
      .rotate()
      .resize({ width: largest, withoutEnlargement: true })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (isDecodeError(error)) throw new MediaRefusal("corrupt", t.errors.corrupt, 422);
    throw error;
  }
  const upright = uprightSize(metadata);
  const raw = { raw: { width: base.info.width, height: base.info.height, channels: base.info.channels } } as const;
  const contentHash = sha256(bytes);

  const jobs: Array<Promise<VariantFile>> = [];
  for (const width of widths) {
    const height = width === base.info.width ? base.info.height : heightAt(width, upright);
    for (const variantFormat of ["avif", "webp", "jpeg"] as const) {
      jobs.push(
        (async () => {
          let image = sharp(base.data, raw);
          if (width !== base.info.width) image = image.resize({ width, height, fit: "fill" });
          // JPEG has no alpha: flatten transparent PNGs onto white rather than black.
          if (variantFormat === "jpeg" && base.info.channels === 4) image = image.flatten({ background: "#ffffff" });
          const body = await BY_FORMAT[variantFormat](image).toBuffer();
          return { storageKey: variantKey(contentHash, width, variantFormat), mimeType: VARIANT_MIME[variantFormat], width, height, body };
        })(),
      );
    }
  }
  const variants = await Promise.all(jobs);
  return { contentHash, mimeType: MIME_TYPES[kind], width: upright.width, height: upright.height, variants };
}

/** EXIF orientations 5–8 turn the picture a quarter: width and height swap. */
function isQuarterTurn(metadata: Metadata): boolean {
  return (metadata.orientation ?? 1) >= 5;
}

function orientedWidth(metadata: Metadata): number {
  return isQuarterTurn(metadata) ? (metadata.pageHeight ?? metadata.height ?? 0) : (metadata.width ?? 0);
}

function uprightSize(metadata: Metadata): { width: number; height: number } {
  const width = metadata.width ?? 0;
  const height = metadata.pageHeight ?? metadata.height ?? 0;
  return isQuarterTurn(metadata) ? { width: height, height: width } : { width, height };
}
