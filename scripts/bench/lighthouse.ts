// Lighthouse on a published report with 10 photos (goal: LCP ≤ 2.5 s on mobile, CLS 0).
//
//   npm run bench -- lighthouse        (LIGHTHOUSE_RUNS, default 3; CHROME_PATH, default /usr/bin/chromium;
//                                       BENCH_REUSE_BUILD=1 serves the last build without rebuilding)
//
// The report is made by photo-report.ts through the studio's own commands (a Word document with
// 10 photos imported, submitted, approved), on the production build the harness serves. Then
// Lighthouse's default mobile run (Moto G Power viewport, simulated slow 4G and 4× CPU
// slowdown) measures the public page with the system's Chromium — nothing is downloaded.
// Figures are printed, never asserted; the machine's load average is printed beside them.
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import type { Harness } from "./harness";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

interface Figures {
  score: number;
  lcp: number;
  cls: number;
  tbt: number;
  fcp: number;
  lcpElement: string;
  bytes: number;
  scriptBytes: number;
  serverLatency: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(" ");

function publishPhotoReport(h: Harness): string {
  const tsx = path.resolve("node_modules/.bin/tsx");
  const run = spawnSync(tsx, ["--conditions=react-server", path.join("scripts", "bench", "photo-report.ts")], {
    env: { ...process.env, DATABASE_URL: h.databaseUrl, MEDIA_DIR: h.mediaDir },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`photo report failed:\n${run.stdout}${run.stderr}`);
  return run.stdout.trim().split("\n").at(-1)!;
}

export async function benchLighthouse(h: Harness) {
  const started = Date.now();
  const id = publishPhotoReport(h);
  console.log(`[bench] photo report ${id} imported and published in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const url = `${h.baseUrl}/reports/${id}`;
  // Fill the page cache: Lighthouse measures what a reader gets, not the first render.
  await (await fetch(url)).text();

  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const runs: Figures[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance"] });
      if (!result) throw new Error("lighthouse returned nothing");
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.message}`);
      const audit = (name: string) => lhr.audits[name]!;
      const element = audit("largest-contentful-paint-element").details as
        | { items?: Array<{ items?: Array<{ node?: { snippet?: string }; phase?: string; timing?: number }> }> }
        | undefined;
      type Row = { resourceType?: string; requestCount?: number; transferSize?: number; url?: string; wastedBytes?: number; totalBytes?: number };
      const rows = (name: string) => ((audit(name).details as { items?: Row[] } | undefined)?.items ?? []) as Row[];
      const transfer = (type: string) => {
        const row = rows("resource-summary").find((item) => item.resourceType === type);
        return { requests: row?.requestCount ?? 0, transferSize: row?.transferSize ?? 0 };
      };
      const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
      // Where the LCP time went: TTFB, load delay (found late / lazy), load time, render delay.
      const phases = (element?.items?.[1]?.items ?? []).map((item) => `${item.phase} ${Math.round(item.timing ?? 0)} ms`).join(", ");
      const figures: Figures = {
        score: Math.round((lhr.categories.performance!.score ?? 0) * 100),
        lcp: audit("largest-contentful-paint").numericValue ?? NaN,
        cls: audit("cumulative-layout-shift").numericValue ?? NaN,
        tbt: audit("total-blocking-time").numericValue ?? NaN,
        fcp: audit("first-contentful-paint").numericValue ?? NaN,
        lcpElement: element?.items?.[0]?.items?.[0]?.node?.snippet ?? "?",
        bytes: audit("total-byte-weight").numericValue ?? NaN,
        scriptBytes: transfer("script").transferSize,
        serverLatency: audit("network-server-latency").numericValue ?? NaN,
      };
      runs.push(figures);
      console.log(
        `lighthouse mobile run ${i + 1}: performance ${figures.score}  LCP ${(figures.lcp / 1000).toFixed(2)} s  CLS ${figures.cls.toFixed(3)}  TBT ${figures.tbt.toFixed(0)} ms  FCP ${(figures.fcp / 1000).toFixed(2)} s  transfer ${(figures.bytes / 1024).toFixed(0)} KiB  (load ${load()})`,
      );
      console.log(`  LCP element: ${figures.lcpElement.slice(0, 120)}…`);
      console.log(`  LCP phases: ${phases || "?"}; lazy-loaded LCP audit: ${audit("lcp-lazy-loaded").score ?? "n/a"}`);
      // Lantern simulates from the unthrottled load it observed: whatever ran before the observed
      // LCP (scripts included) is on the simulated path, and every request pays the origin's median
      // server latency as observed.
      const observed = (audit("metrics").details as { items?: Array<{ observedLargestContentfulPaint?: number }> } | undefined)?.items?.[0];
      console.log(
        `  transfer by type: ${["document", "stylesheet", "script", "image", "other"].map((type) => `${type} ${transfer(type).requests}× ${kib(transfer(type).transferSize)}`).join(", ")}; ` +
          `render-blocking: ${rows("render-blocking-insight").map((item) => (item.url ?? "").split("/").pop()).join(" ") || "none"}; ` +
          `unused JS: ${kib(rows("unused-javascript").reduce((sum, item) => sum + (item.wastedBytes ?? 0), 0))}; ` +
          `server latency ${Math.round(figures.serverLatency)} ms; observed LCP ${Math.round(observed?.observedLargestContentfulPaint ?? NaN)} ms`,
      );
      // How busy the main thread was (×4 under simulated throttling), and how fast this machine
      // was at that moment: Lighthouse's benchmark index (a quiet desktop scores ~1000–2000).
      const work = (audit("mainthread-work-breakdown").details as { items?: Array<{ groupLabel?: string; duration?: number }> } | undefined)?.items ?? [];
      const scripts = (audit("bootup-time").details as { items?: Array<{ url?: string; total?: number }> } | undefined)?.items ?? [];
      console.log(
        `  main thread: ${work.slice(0, 3).map((item) => `${item.groupLabel} ${Math.round(item.duration ?? 0)} ms`).join(", ")}; ` +
          `scripts: ${scripts.slice(0, 3).map((item) => `${(item.url ?? "").split("/").pop()} ${Math.round(item.total ?? 0)} ms`).join(", ")}; ` +
          `benchmark index ${Math.round(lhr.environment.benchmarkIndex)}`,
      );
    }
  } finally {
    await chrome.kill();
  }
  const pick = (key: keyof Omit<Figures, "lcpElement">) => median(runs.map((run) => run[key]));
  console.log(
    `lighthouse mobile median of ${runs.length}: performance ${pick("score")}  LCP ${(pick("lcp") / 1000).toFixed(2)} s (goal ≤ 2.5 s)  CLS ${pick("cls").toFixed(3)} (goal 0)  TBT ${pick("tbt").toFixed(0)} ms  ` +
      `transfer ${(pick("bytes") / 1024).toFixed(0)} KiB (JS ${(pick("scriptBytes") / 1024).toFixed(0)} KiB)  (load ${load()}, ${os.cpus().length} cores)`,
  );
}
