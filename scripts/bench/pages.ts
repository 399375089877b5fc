// Load runs against the public pages at 100,000 reports (BENCH_REPORTS to change): the
// cached report page, the home page and search (a repeated query, and a new URL each request),
// with autocannon (50 connections, no pipelining); and, where nginx is installed, the same
// report HTML served by nginx as a static file, for a ratio. Everything on loopback, through
// the front server as `npm start` runs it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import autocannon from "autocannon";
import type { Harness } from "./harness";
import { generateReports } from "./generate-reports";
import { findFreePort } from "../../lib/db/ports";
import { QUERIES } from "./search";

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

interface Run {
  name: string;
  requestsPerSecond: number;
  p50: number;
  /** autocannon's histogram has no p95; p97.5 is the nearest above it, so p95 ≤ this. */
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** `paths`, when given, are requested in turn instead of the URL's own path. */
async function load(name: string, url: string, paths?: string[]): Promise<Run> {
  let next = 0;
  const requests: autocannon.Request[] | undefined = paths && [
    { method: "GET", setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) },
  ];
  const result = await autocannon({ url, connections: 50, pipelining: 1, duration: DURATION_SECONDS, ...(requests ? { requests } : {}) });
  const run = {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  console.log(
    `${name.padEnd(28)} ${run.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p97.5 ${run.p97_5} ms  p99 ${run.p99} ms  errors ${run.errors}  non-2xx ${run.non2xx}`,
  );
  return run;
}

function uncachedSearchPaths(): string[] {
  const paths: string[] = [];
  for (const year of ["", "2019", "2020", "2021", "2022", "2023", "2024", "2025"]) {
    for (const page of [1, 2, 3, 4, 5]) {
      for (const { q } of QUERIES) {
        const params = new URLSearchParams({ q });
        if (year) params.set("year", year);
        if (page > 1) params.set("page", String(page));
        paths.push(`/search?${params}`);
      }
    }
  }
  return paths;
}

export async function benchPages(h: Harness) {
  const count = Number(process.env.BENCH_REPORTS ?? 100_000);
  const existing = await h.db.report.count();
  if (existing < count) {
    console.log(`[bench] generating ${count} reports …`);
    const { seconds } = await generateReports(h.databaseUrl, { count, log: () => {} });
    console.log(`[bench] generated ${count} reports in ${seconds.toFixed(0)} s`);
  }
  const report = await h.db.report.findFirstOrThrow({ where: { liveRevisionId: { not: null } }, orderBy: { publishedAt: "desc" } });
  const reportUrl = `${h.baseUrl}/reports/${report.id}`;
  // A publish of its own expires the cache; the first request fills it again.
  const html = await (await fetch(reportUrl)).text();
  // Fill the cache, then show what a repeat gets: size and whether the front answered it.
  for (const url of [reportUrl, `${h.baseUrl}/`, `${h.baseUrl}/search?q=${encodeURIComponent("党建")}`]) {
    await (await fetch(url)).arrayBuffer();
    const res = await fetch(url);
    const body = await res.arrayBuffer();
    console.log(`${url.slice(h.baseUrl.length).padEnd(28)} ${(body.byteLength / 1024).toFixed(0)} KB, x-cache ${res.headers.get("x-cache")}`);
  }

  const runs = [
    await load("report page (cached)", reportUrl),
    await load("home page (cached)", `${h.baseUrl}/`),
    await load("search 党建", `${h.baseUrl}/search?q=${encodeURIComponent("党建")}`),
    await load("search 机关 厦门 page 2", `${h.baseUrl}/search?q=${encodeURIComponent("机关 厦门")}&page=2`),
    // Every request a search not asked before in this run: what the page costs when the front
    // server's cache cannot help (a different query, page or year each time).
    await load("search, each URL new", h.baseUrl, uncachedSearchPaths()),
  ];

  const nginx = spawnSync("sh", ["-c", "command -v nginx || ls /usr/sbin/nginx"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  if (!nginx) {
    console.log("nginx not installed: no static-file comparison (apt-get install nginx-light)");
    return runs;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-nginx-"));
  fs.chmodSync(dir, 0o755);
  fs.writeFileSync(path.join(dir, "report.html"), html);
  const port = await findFreePort();
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes auto; pid ${dir}/nginx.pid; error_log ${dir}/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; sendfile on; keepalive_requests 100000;
  server { listen 127.0.0.1:${port}; root ${dir}; location / { default_type text/html; } } }`,
  );
  const server = spawn(nginx, ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" });
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const staticRun = await load("nginx static report.html", `http://127.0.0.1:${port}/report.html`);
    const reportRun = runs[0]!;
    console.log(
      `cached report page vs nginx: ${(reportRun.requestsPerSecond / staticRun.requestsPerSecond).toFixed(2)}× (goal ≥ 0.5×), report p97.5 ${reportRun.p97_5} ms (p95 ≤ that; goal p95 ≤ 50 ms)`,
    );
  } finally {
    server.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return runs;
}
