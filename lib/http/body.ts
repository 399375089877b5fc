// Request bodies read with an upper bound. Without one a single PUT of 250 MB took the server to
// 1.4 GB: request.json() buffers whatever arrives. The declared Content-Length is checked
// before reading, and the bytes are counted while streaming, for bodies sent without one
// (chunked) or with a false one.

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: "too_large" | "invalid" };

export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: false, reason: "invalid" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks, size).toString("utf8")) };
  } catch {
    return { ok: false, reason: "invalid" };
  }
}

/** A byte count from an environment variable, or `fallback` when unset or not a positive number. */
export function bytesFromEnv(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}
