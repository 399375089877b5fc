/** Upload limits, from the environment so an intranet can raise them without a release. */
function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/** Bytes of one upload (default 20 MB; nginx allows 25m per request, so the app answers first). */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env.MEDIA_MAX_BYTES, 20 * 1024 * 1024);
}

/**
 * Pixels of one image (default 60 megapixels: a 50 MP camera passes, a PNG that declares
 * 30000×30000 — a decompression bomb that is tiny on disk and gigabytes in memory — does not).
 */
export function maxImagePixels(env: NodeJS.ProcessEnv = process.env): number {
  return positiveInt(env.MEDIA_MAX_PIXELS, 60_000_000);
}
