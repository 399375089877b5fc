import { describe, expect, it } from "vitest";
import { bytesFromEnv, readJsonBody } from "./body";

function streamed(chunks: string[], headers: Record<string, string> = {}): Request {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(new TextEncoder().encode(chunks[pulled++]!));
      else controller.close();
    },
  });
  return new Request("http://x/", { method: "PUT", body, headers, duplex: "half" } as RequestInit);
}

describe("readJsonBody", () => {
  it("parses a body within the limit", async () => {
    expect(await readJsonBody(new Request("http://x/", { method: "PUT", body: '{"a":"标题"}' }), 100)).toEqual({ ok: true, value: { a: "标题" } });
  });
  it("refuses a declared Content-Length over the limit without reading", async () => {
    const request = streamed(["{}"], { "content-length": "1000" });
    expect(await readJsonBody(request, 100)).toEqual({ ok: false, reason: "too_large" });
  });
  it("counts while streaming when there is no Content-Length, and stops reading", async () => {
    const chunks = Array.from({ length: 1000 }, () => "a".repeat(50));
    const request = streamed(chunks);
    expect(await readJsonBody(request, 1000)).toEqual({ ok: false, reason: "too_large" });
  });
  it("calls malformed JSON invalid", async () => {
    expect(await readJsonBody(new Request("http://x/", { method: "PUT", body: "{" }), 100)).toEqual({ ok: false, reason: "invalid" });
  });
  it("reads the limit from the environment", () => {
    expect(bytesFromEnv("1024", 5)).toBe(1024);
    expect(bytesFromEnv(undefined, 5)).toBe(5);
    expect(bytesFromEnv("lots", 5)).toBe(5);
  });
});
