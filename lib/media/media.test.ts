import { describe, expect, it } from "vitest";
import { sniffImage } from "./sniff";
import { editorVariant, isVariantKey, plannedWidths, variantKey, type MediaVariant } from "./variants";
import { sha256 } from "./process";
import { figureMediaIds } from "./usage";
import { mayUseMedia } from "./rules";

const bytes = (...values: Array<number | string>) =>
  Buffer.concat(values.map((value) => (typeof value === "string" ? Buffer.from(value, "latin1") : Buffer.from([value]))));

describe("sniffImage (type by content, not by name)", () => {
  it("recognises the accepted image formats by their first bytes", () => {
    expect(sniffImage(bytes(0xff, 0xd8, 0xff, 0xe0, "JFIF"))).toEqual({ kind: "image", format: "jpeg" });
    expect(sniffImage(bytes(0x89, "PNG\r\n\x1a\n", "rest"))).toEqual({ kind: "image", format: "png" });
    expect(sniffImage(bytes("GIF89a", "rest"))).toEqual({ kind: "image", format: "gif" });
    expect(sniffImage(bytes("RIFF", 0, 0, 0, 0, "WEBPVP8 "))).toEqual({ kind: "image", format: "webp" });
    expect(sniffImage(bytes(0, 0, 0, 0x1c, "ftypavif", 0, 0, 0, 0, "avifmif1miaf"))).toEqual({ kind: "image", format: "avif" });
    expect(sniffImage(bytes(0, 0, 0, 0x18, "ftypheic", 0, 0, 0, 0, "mif1heic"))).toEqual({ kind: "image", format: "heic" });
  });

  it("names what people mistake for images, whatever the file is called", () => {
    expect(sniffImage(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toEqual({ kind: "other", what: "svg" });
    expect(sniffImage(Buffer.from("\ufeff  <svg onload=alert(1)>"))).toEqual({ kind: "other", what: "svg" });
    expect(sniffImage(Buffer.from("<!DOCTYPE html><html><body>not a photo</body></html>"))).toEqual({ kind: "other", what: "html" });
    expect(sniffImage(Buffer.from("<script>alert(1)</script>"))).toEqual({ kind: "other", what: "html" });
    expect(sniffImage(bytes("PK", 3, 4, "zipdata"))).toEqual({ kind: "other", what: "zip" });
    expect(sniffImage(Buffer.from("%PDF-1.7"))).toEqual({ kind: "other", what: "pdf" });
    expect(sniffImage(Buffer.alloc(0))).toEqual({ kind: "other", what: "empty" });
    // Encrypted or random bytes are nothing we know.
    expect(sniffImage(Buffer.from([0x12, 0x9a, 0xfe, 0x00, 0x44, 0x81, 0x07, 0x3c]))).toEqual({ kind: "other", what: "unknown" });
  });
});

describe("variant plan", () => {
  it("makes the standard widths below the image and never upscales", () => {
    expect(plannedWidths(4000)).toEqual([480, 720, 960, 1600]);
    expect(plannedWidths(1600)).toEqual([480, 720, 960, 1600]);
    expect(plannedWidths(1200)).toEqual([480, 720, 960, 1200]);
    expect(plannedWidths(800)).toEqual([480, 720, 800]);
    expect(plannedWidths(480)).toEqual([480]);
    expect(plannedWidths(300)).toEqual([300]);
  });

  it("names renditions by the content hash, width and format", () => {
    const hash = sha256(Buffer.from("a photo"));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(Buffer.from("a photo"))).toBe(hash);
    expect(sha256(Buffer.from("another photo"))).not.toBe(hash);
    const key = variantKey(hash, 960, "webp");
    expect(key).toBe(`${hash.slice(0, 2)}/${hash}-960.webp`);
    expect(variantKey(hash, 480, "jpeg").endsWith("-480.jpg")).toBe(true);
    expect(isVariantKey(key)).toBe(true);
    expect(isVariantKey("../etc/passwd")).toBe(false);
    expect(isVariantKey(`${hash.slice(0, 2)}/${hash}-960.svg`)).toBe(false);
    expect(() => variantKey("not-a-hash", 960, "avif")).toThrow();
  });

  it("shows the middle JPEG in the editor", () => {
    const v = (width: number, mimeType: string): MediaVariant => ({ width, height: width, mimeType, storageKey: `${width}.${mimeType}`, bytes: 1 });
    expect(editorVariant([v(480, "image/jpeg"), v(960, "image/jpeg"), v(1600, "image/jpeg"), v(960, "image/avif")])?.storageKey).toBe("960.image/jpeg");
    expect(editorVariant([v(300, "image/jpeg"), v(300, "image/webp")])?.storageKey).toBe("300.image/jpeg");
  });
});

describe("figureMediaIds", () => {
  it("finds every figure's media id, nested or not, once", () => {
    const doc = {
      type: "doc",
      content: [
        { type: "figure", attrs: { src: "/media/a", mediaId: "m1" } },
        { type: "blockquote", content: [{ type: "figure", attrs: { src: "/media/b", mediaId: "m2" } }] },
        { type: "figure", attrs: { src: "/x.jpg", mediaId: null } },
        { type: "figure", attrs: { src: "/media/a", mediaId: "m1" } },
      ],
    };
    expect(figureMediaIds(doc)).toEqual(["m1", "m2"]);
  });
});

describe("media permissions", () => {
  const editor = { id: "u1", isAdmin: false, memberships: [{ committeeId: "c1", role: "EDITOR" as const }] };
  const admin = { id: "a", isAdmin: true, memberships: [] };
  it("lets members manage their committee's library and nobody else's", () => {
    expect(mayUseMedia(editor, "upload", "c1")).toBe(true);
    expect(mayUseMedia(editor, "delete", "c1")).toBe(true);
    expect(mayUseMedia(editor, "view", "c2")).toBe(false);
    expect(mayUseMedia(editor, "upload", "c2")).toBe(false);
    expect(mayUseMedia(admin, "view", "c2")).toBe(true);
    expect(mayUseMedia(admin, "upload", "c2")).toBe(false);
  });
});
