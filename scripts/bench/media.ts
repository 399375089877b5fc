// npm run bench -- media
// One 12-megapixel photo (4000×3000, gradients and noise so it compresses like a photo)
// through what an upload does after the bytes arrive: type and pixel checks, decode, EXIF
// orientation, every rendition (3 widths × AVIF/WebP/JPEG) and writing them to a local store.
// Goal: ≤ 2 s. No database and no server: those add a row insert and the network, both small.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { photoJpeg } from "../../tests/support/images";
import { processImage } from "../../lib/media/process";
import { LocalStore } from "../../lib/media/storage/local-store";
import { VARIANT_FORMATS, VARIANT_WIDTHS } from "../../lib/media/variants";

const RUNS = 7;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function benchMedia(): Promise<void> {
  const photo = await photoJpeg(4000, 3000, { quality: 90, seed: 2026 });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "cms-bench-media-"));
  const store = new LocalStore(dir);
  const totals: number[] = [];
  const processing: number[] = [];
  let summary = "";
  try {
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const processed = await processImage(photo, { maxBytes: 50 * 1024 * 1024 });
      const encoded = performance.now();
      await Promise.all(processed.variants.map((variant) => store.put(variant.storageKey, variant.body)));
      const stored = performance.now();
      processing.push(encoded - started);
      totals.push(stored - started);
      await fs.rm(dir, { recursive: true, force: true });
      summary = processed.variants.map((v) => `${v.width}w ${v.mimeType.slice(6)} ${(v.body.length / 1024).toFixed(0)} KB`).join(", ");
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
  const sort = (values: number[]) => [...values].sort((a, b) => a - b);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`[bench] media: 12 MP JPEG (${(photo.length / 1024 / 1024).toFixed(1)} MB, 4000×3000) → ${VARIANT_WIDTHS.length * VARIANT_FORMATS.length} renditions, ${RUNS} runs (first run included)`);
  console.log(`[bench]   checks + decode + renditions: p50 ${ms(percentile(sort(processing), 50))}, p95 ${ms(percentile(sort(processing), 95))}`);
  console.log(`[bench]   … + writing to the local store: p50 ${ms(percentile(sort(totals), 50))}, p95 ${ms(percentile(sort(totals), 95))} (goal ≤ 2000 ms)`);
  console.log(`[bench]   renditions: ${summary}`);
}
