// Load runs against the public pages at 100,000 reports (BENCH_REPORTS to change): every
// public page kind (home, committee, 栏目, month archive, report, feed) answered from the front
// server's cache, each next to nginx serving the same bytes as a static file (a ratio and both
// p99s), and search (a repeated query, and a new URL each request; BENCH_PAGES_SEARCH=0 leaves
// it out), with autocannon (50 connections, no pipelining) in a process of its own; each page kind
// twice, as a client without Accept-Encoding and as a browser asks (gzip: what readers get, and
// nginx then serves the same gzip bytes with gzip_static). Everything
// on loopback, through the front server as `npm start` runs it, in a process of its own. Each run also shows the CPU time
// the server spent per answer, which other work on the machine hardly changes, and for the
// front what its cache did meanwhile (hits, renders, purges).
//
// BENCH_PAGES_CACHE=varnish asks the production shape's page cache instead: Debian's varnishd
// with deploy/varnish (its backend the front server, as in docker-compose.yml it is the inner
// nginx before the instances), and compares its hits with nginx the same way.
//
// BENCH_LOAD_CLIENT=wrk loads the page kinds with wrk (one thread, 50 connections) instead of
// autocannon: a client in C, which leaves the server under test most of the second core.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fork, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type autocannon from "autocannon";
import type { PageCacheCounts } from "../../lib/front/page-cache";
import type { Harness } from "./harness";
import { generateReports } from "./generate-reports";
import { findFreePort } from "../../lib/db/ports";
import { QUERIES } from "./search";
import { findProgram, startVarnish, stopProgram, waitFor, xkeyInstalled } from "../../tests/support/deploy-programs";

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** nginx's worker processes: one per core by default ("auto"); BENCH_NGINX_WORKERS=1 matches the front's one process. */
const NGINX_WORKERS = process.env.BENCH_NGINX_WORKERS ?? "auto";
/** The cache the pages are asked from: the front server's own (default) or Varnish before it. */
const PAGE_CACHE = process.env.BENCH_PAGES_CACHE === "varnish" ? "varnish" : "front";
/** The load client of the page runs: autocannon (default) or wrk (BENCH_LOAD_CLIENT=wrk); searches always use autocannon. */
const LOAD_CLIENT = process.env.BENCH_LOAD_CLIENT === "wrk" ? "wrk" : "autocannon";

interface Run {
  name: string;
  requestsPerSecond: number;
  p50: number;
  /** autocannon's histogram has no p95; p97.5 is the nearest above it, so p95 ≤ this. */
  p97_5: number;
  p99: number;
  errors: number;
  non2xx: number;
  /**
   * CPU time the server spent per answer (user + system, µs), when known: unlike requests per
   * second it hardly depends on what else the machine is running.
   */
  serverCpuPerRequest?: number;
}

interface LoadOptions {
  /** Request headers (Accept-Encoding) */
  headers?: Record<string, string>;
  /** Requested in turn instead of the URL's own path. */
  paths?: string[];
  /**
   * The front server: what its page cache did during the run is printed too (renders that
   * reached Next, purges or clears in the middle of a run are what make a cached page slow),
   * and the CPU time of its process per answer.
   */
  front?: Harness["frontStats"];
  /** The server's CPU time so far, in µs (nginx). */
  serverCpu?: () => number;
}

/** CPU time (µs) the worker processes of nginx `master` have used (Linux /proc; 100 ticks a second). */
function childrenCpu(master: number): () => number {
  return () => {
    let ticks = 0;
    for (const pid of fs.readFileSync(`/proc/${master}/task/${master}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks * 10_000;
  };
}

/**
 * One load run of autocannon, in a process of its own (./load-runner.mjs), so that this process
 * is left to the front server under test, as it is under `npm start`.
 */
async function load(name: string, url: string, { headers, paths, front, serverCpu }: LoadOptions = {}): Promise<Run> {
  const frontBefore = await front?.();
  const cpuBefore = frontBefore?.cpuMicroseconds ?? serverCpu?.();
  const result = LOAD_CLIENT === "wrk" && !paths ? await wrkRun(url, headers) : await autocannonRun(url, headers, paths);
  const { requests, clientCpuMicroseconds, ...figures } = result;
  const run: Run = { name, ...figures };
  const frontAfter = await front?.();
  const cpuAfter = frontAfter?.cpuMicroseconds ?? serverCpu?.();
  if (cpuBefore !== undefined && cpuAfter !== undefined && requests > 0) run.serverCpuPerRequest = (cpuAfter - cpuBefore) / requests;
  const counts =
    frontBefore && frontAfter && (Object.keys(frontBefore.counts) as (keyof PageCacheCounts)[]).map((key) => `${key} ${frontAfter.counts[key] - frontBefore.counts[key]}`).join(", ");
  console.log(
    `${name.padEnd(28)} ${run.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${run.p50} ms  p97.5 ${run.p97_5} ms  p99 ${run.p99} ms  errors ${run.errors}  non-2xx ${run.non2xx}` +
      (run.serverCpuPerRequest !== undefined ? `  server CPU ${run.serverCpuPerRequest.toFixed(0)} µs/req` : "") +
      (requests > 0 && clientCpuMicroseconds !== undefined ? `  autocannon CPU ${(clientCpuMicroseconds / requests).toFixed(0)} µs/req` : "") +
      (counts ? `  [cache: ${counts}]` : ""),
  );
  return run;
}

type LoadResult = Omit<Run, "name" | "serverCpuPerRequest"> & { requests: number; clientCpuMicroseconds?: number };

async function autocannonRun(url: string, headers: Record<string, string> | undefined, paths: string[] | undefined): Promise<LoadResult> {
  const options: autocannon.Options = { url, connections: 50, pipelining: 1, duration: DURATION_SECONDS, ...(headers ? { headers } : {}) };
  const runner = fork(fileURLToPath(new URL("./load-runner.mjs", import.meta.url)), { stdio: "inherit", execArgv: [] });
  return new Promise<LoadResult>((resolve, reject) => {
    runner.once("message", (message) => resolve(message as never));
    runner.once("error", reject);
    runner.once("exit", (code) => reject(new Error(`load runner exited with ${code}`)));
    runner.send({ options, paths });
  });
}

/**
 * The same run with wrk (BENCH_LOAD_CLIENT=wrk; Debian's package), one thread and 50
 * connections: a client in C that takes far less of the two cores than autocannon, as the
 * issue's first figures were taken. wrk reports p50, p75, p90 and p99, not p97.5: p99 stands in for it.
 */
async function wrkRun(url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  const wrk = findProgram("wrk");
  if (!wrk) throw new Error("BENCH_LOAD_CLIENT=wrk needs wrk (apt-get install wrk)");
  const args = ["-t1", "-c50", `-d${DURATION_SECONDS}s`, "--latency", ...Object.entries(headers).flatMap(([name, value]) => ["-H", `${name}: ${value}`]), url];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(wrk, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk exited with ${code}`))));
  });
  const ms = (percent: string) => {
    const [, value, unit] = new RegExp(`^\\s*${percent}%\\s+([\\d.]+)(us|ms|s)$`, "m").exec(output) ?? [];
    if (!value) throw new Error(`no ${percent}% latency in wrk's output:\n${output}`);
    return Number(value) * ({ us: 0.001, ms: 1, s: 1000 } as Record<string, number>)[unit!]!;
  };
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    requests,
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? 0),
    p50: ms("50"),
    p97_5: ms("99"),
    p99: ms("99"),
    errors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
  };
}

/** A GET with no request headers beyond Host and `headers`, as autocannon sends it. */
function plainGet(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/**
 * Debian's varnishd with deploy/varnish before the front server at `frontUrl` (tests/support's
 * startVarnish, its backend swapped for the front's address), once it answers; `cpu` is the CPU
 * time (µs) of its cache process, the manager's child.
 */
async function varnishBefore(frontUrl: string): Promise<{ url: string; cpu: () => number; stop: () => Promise<void> }> {
  if (!findProgram("varnishd") || !xkeyInstalled()) throw new Error("BENCH_PAGES_CACHE=varnish needs Debian's varnish and varnish-modules");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-bench-varnish-"));
  fs.chmodSync(dir, 0o755);
  const port = await findFreePort();
  const child = startVarnish(dir, { varnish: port, inner: Number(new URL(frontUrl).port) });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await plainGet(`${url}/api/health`).catch(() => null))?.status === 200, "Varnish answering");
  return {
    url,
    cpu: childrenCpu(child.pid!),
    stop: async () => {
      await stopProgram(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
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
  const committee = await h.db.committee.findFirstOrThrow({ where: { reports: { some: { liveRevisionId: { not: null } } } }, orderBy: { sortOrder: "asc" } });
  const [column] = await h.db.$queryRawUnsafe<{ column: string }[]>(`SELECT "column" FROM "SearchDocument" WHERE "column" <> '' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const yearMonth = new Date(report.publishedAt!.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
  // Every public page kind, as a reader asks for it.
  const kinds: [name: string, path: string][] = [
    ["home", "/"],
    ["committee", `/committees/${committee.slug}`],
    ["栏目", `/columns/${encodeURIComponent(column?.column ?? "工作动态")}`],
    ["archive month", `/committees/${committee.slug}/archive/${yearMonth}`],
    ["report", `/reports/${report.id}`],
    ["feed", "/feed.xml"],
  ];
  // A publish of its own expires the cache; the first request fills it again. Then show what a
  // repeat gets: size and whether the front answered it; keep the bytes for nginx. Asked with
  // the headers each load run sends: the front cache keeps one variant per encoding, and the one
  // a load run hits must be the one filled here.
  const encodings: [label: string, headers: Record<string, string>][] = [
    ["identity", {}],
    ["gzip", { "accept-encoding": "gzip" }],
  ];
  const cache = PAGE_CACHE === "varnish" ? await varnishBefore(h.baseUrl) : null;
  const cacheBase = cache?.url ?? h.baseUrl;
  const cacheName = cache ? "varnish" : "front cache";
  const cacheServer = cache ? "varnish" : "front";
  const bodies = new Map<string, Buffer>();
  for (const [encoding, headers] of encodings) {
    for (const [name, pathname] of kinds) {
      await plainGet(`${cacheBase}${pathname}`, headers);
      const res = await plainGet(`${cacheBase}${pathname}`, headers);
      if ((res.headers["content-encoding"] ?? "identity") !== encoding) throw new Error(`${pathname} came back as ${res.headers["content-encoding"] ?? "identity"}, not ${encoding}`);
      bodies.set(`${name} ${encoding}`, res.body);
      console.log(`${name.padEnd(16)} ${encoding.padEnd(8)} ${pathname.slice(0, 60).padEnd(60)} ${res.status} ${(res.body.byteLength / 1024).toFixed(0)} KB, x-cache ${res.headers["x-cache"]}, cache-control ${res.headers["cache-control"]}` + (cache ? `, x-varnish ${res.headers["x-varnish"] ?? "-"} (two ids: a hit)` : ""));
    }
  }

  const nginx = spawnSync("sh", ["-c", "command -v nginx || ls /usr/sbin/nginx"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  if (!nginx) console.log("nginx not installed: no static-file comparison (apt-get install nginx-light)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-nginx-"));
  fs.chmodSync(dir, 0o755);
  // page0.html and page0.html.gz: the same bytes the front sends without and with gzip.
  const files = new Map(kinds.map(([name], i) => [name, `page${i}.html`]));
  for (const [name, file] of files) {
    fs.writeFileSync(path.join(dir, file), bodies.get(`${name} identity`)!);
    fs.writeFileSync(path.join(dir, `${file}.gz`), bodies.get(`${name} gzip`)!);
  }
  const port = await findFreePort();
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    `worker_processes ${NGINX_WORKERS}; pid ${dir}/nginx.pid; error_log ${dir}/error.log; daemon off;
events { worker_connections 1024; }
http { access_log off; sendfile on; keepalive_requests 100000; gzip_static on;
  server { listen 127.0.0.1:${port}; root ${dir}; location / { default_type text/html; } } }`,
  );
  const server = nginx ? spawn(nginx, ["-c", path.join(dir, "nginx.conf"), "-p", dir], { stdio: "ignore" }) : null;
  const nginxCpu = server?.pid && fs.existsSync(`/proc/${server.pid}/task/${server.pid}/children`) ? childrenCpu(server.pid) : undefined;
  const runs: Run[] = [];
  const table: string[] = [];
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [encoding, headers] of encodings) {
      for (const [name, pathname] of kinds) {
        const label = `${name}, ${encoding}`;
        const cached = await load(`${label} (${cacheName})`, `${cacheBase}${pathname}`, cache ? { headers, serverCpu: cache.cpu } : { headers, front: h.frontStats });
        runs.push(cached);
        if (!server) continue;
        const staticUrl = `http://127.0.0.1:${port}/${files.get(name)}`;
        const check = await plainGet(staticUrl, headers);
        if (!check.body.equals(bodies.get(`${name} ${encoding}`)!)) throw new Error(`nginx did not send the ${cacheName}'s ${encoding} bytes of ${name}`);
        const staticRun = await load(`${label} (nginx static)`, staticUrl, { headers, serverCpu: nginxCpu });
        runs.push(staticRun);
        table.push(
          `${label.padEnd(24)} ${(bodies.get(`${name} ${encoding}`)!.byteLength / 1024).toFixed(0).padStart(4)} KB  ${(cached.requestsPerSecond / staticRun.requestsPerSecond).toFixed(2)}× nginx (goal ≥ 0.8×)  ${cacheServer} p99 ${cached.p99} ms (goal ≤ 10 ms)  nginx p99 ${staticRun.p99} ms` +
            (cached.serverCpuPerRequest !== undefined && staticRun.serverCpuPerRequest !== undefined
              ? `  CPU per answer: ${cacheServer} ${cached.serverCpuPerRequest.toFixed(0)} µs, nginx ${staticRun.serverCpuPerRequest.toFixed(0)} µs`
              : "") +
            `  load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
        );
      }
    }
  } finally {
    server?.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
    await cache?.stop();
  }
  console.log(`\nload client: ${LOAD_CLIENT}, 50 connections\n` + table.join("\n"));

  if (process.env.BENCH_PAGES_SEARCH !== "0") {
    runs.push(
      await load("search 党建", `${h.baseUrl}/search?q=${encodeURIComponent("党建")}`, { front: h.frontStats }),
      await load("search 机关 厦门 page 2", `${h.baseUrl}/search?q=${encodeURIComponent("机关 厦门")}&page=2`, { front: h.frontStats }),
      // Every request a search not asked before in this run: what the page costs when the front
      // server's cache cannot help (a different query, page or year each time).
      await load("search, each URL new", h.baseUrl, { paths: uncachedSearchPaths(), front: h.frontStats }),
    );
  }
  return runs;
}
