// Save round-trip of the editor's autosave (HTTP PUT /api/reports/:id/draft with a
// 20,000-character report: parse, validate against the schema, render, write, answer).
import type { Harness } from "./harness";
import { sampleParagraphs, summary, percentile } from "./harness";
import { docOf } from "../../tests/support/workflow-fixture";

export async function benchSaveRoundTrip(h: Harness, options: { saves?: number; chars?: number } = {}) {
  const saves = options.saves ?? 200;
  const paragraphs = sampleParagraphs(options.chars ?? 20_000);
  const cookie = await h.signIn("xiamen-editor");
  const committee = await h.db.committee.findUniqueOrThrow({ where: { slug: "xiamen" } });
  const author = await h.db.user.findUniqueOrThrow({ where: { username: "xiamen-editor" } });
  const report = await h.db.report.create({
    data: { committeeId: committee.id, authorId: author.id, title: "保存基准测试", content: docOf("") },
  });

  let version = report.version;
  const timings: number[] = [];
  for (let i = 0; i < saves + 10; i++) {
    // Each save changes one paragraph, as typing does.
    const body = paragraphs.map((p, j) => (j === i % paragraphs.length ? `${p}${i}` : p));
    const payload = JSON.stringify({ expectedVersion: version, fields: { title: "保存基准测试" }, content: docOf(...body) });
    const started = performance.now();
    const res = await fetch(`${h.baseUrl}/api/reports/${report.id}/draft`, {
      method: "PUT",
      headers: { "content-type": "application/json", cookie },
      body: payload,
    });
    const data = (await res.json()) as { version?: number; charCount?: number; error?: string };
    const elapsed = performance.now() - started;
    if (!res.ok || !data.version) throw new Error(`save failed: HTTP ${res.status} ${data.error ?? ""}`);
    version = data.version;
    if (i >= 10) timings.push(elapsed); // the first saves warm the server up
    if (i === 0) console.log(`[bench] report body: ${data.charCount} 字, ${(payload.length / 1024).toFixed(0)} KiB of JSON per save`);
  }
  console.log(`save round-trip (20,000 字): ${summary(timings)}  goal p95 ≤ 150 ms → ${percentile(timings, 95) <= 150 ? "met" : "NOT met"}`);
  return timings;
}
