// The front server and its page cache against a real PostgreSQL: published pages are answered
// from memory, private ones never; a change announced in a committed transaction reaches the
// listener in the process behind the front, which drops its cached reads and then has the front
// empty its cache; a rolled-back one does not; a lost database connection turns both caches off
// until it is back. Behind the front runs a small stand-in for Next
// (tests/support/stand-in-next.ts) with the real listener, that counts what reaches it.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { findFreePort } from "@/lib/db/ports";
import { announcePublicChange } from "@/lib/public/changes";
import { reportTag } from "@/lib/public/cache-tags";
import { INLINE_SCRIPT_HASHES } from "@/lib/security/headers";

/** A change to report `id`, as the write path announces it: its page's tag and the home page's. */
const changeOf = (id: string) => ({ reportId: id, tags: [reportTag(id), "home"] });
import { startSite, type Site } from "@/lib/front/start-site";
import { freshDatabase } from "../support/test-database";

let db: Db;
let databaseUrl: string;
let site: Site;
let base: string;

interface Stats {
  requests: Record<string, number>;
  /** Reads that reached the "database" rather than the read cache. */
  reads: number;
  /** Renders held back now (request header x-hold). */
  held: number;
}

async function stats(): Promise<Stats> {
  // /stats is answered privately, so it always reaches the stand-in.
  return (await fetch(`${base}/stats`)).json() as Promise<Stats>;
}

async function waitFor(condition: () => Promise<boolean>, ms = 3000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Renders the stand-in holds back now (request header x-hold). */
async function heldRenders(): Promise<number> {
  return (await stats()).held;
}

/**
 * `count` readers ask for /reports/<key>, which the stand-in holds back (x-hold: <key>) until
 * released: the first, then the others once its render is held. Resolves when the others wait at
 * the front (or, without coalescing, have reached the stand-in too).
 */
async function askAtOnce(key: string, count: number): Promise<{ first: ReturnType<typeof get>; others: ReturnType<typeof get>[] }> {
  const ask = () => get(`/reports/${key}`, { "x-hold": key });
  const first = ask();
  await waitFor(async () => (await heldRenders()) === 1, 30_000);
  const others = Array.from({ length: count - 1 }, ask);
  await waitFor(async () => site.cache.waitingRequests === count - 1 || (await heldRenders()) > 1, 30_000);
  return { first, others };
}

/**
 * /reports/<key> rendered (held back by `hold`: the whole answer, or its body after the headers)
 * while a change to it is announced: neither the front nor a shared cache in front may keep it.
 */
async function expectUnkeptAcrossChange(key: string, hold: "x-hold" | "x-hold-body") {
  const slow = get(`/reports/${key}`, { [hold]: key });
  await waitFor(async () => (await heldRenders()) === 1, 30_000);
  const generation = site.cache.generation;
  await db.$transaction((tx) => announcePublicChange(tx, changeOf(key)));
  await waitFor(async () => site.cache.generation !== generation, 30_000);
  await get(`/release?key=${key}`);
  const stale = await slow;
  expect(stale.body).toContain("edition");
  // Nor may a shared cache in front keep it: it may already have been purged of the page.
  expect(stale.headers.get("cache-control")).toBe("private, no-store");
  expect(stale.headers.get("cdn-cache-control")).toBeNull();
  expect((await get(`/reports/${key}`)).cache).toBe("MISS");
}

async function get(pathname: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${pathname}`, { headers });
  return { status: res.status, cache: res.headers.get("x-cache"), body: await res.text(), headers: res.headers };
}

/** The front server on `port`, with the stand-in behind it, on this file's database. */
function startStandInSite(port: number): Promise<Site> {
  return startSite({
    port,
    hostname: "127.0.0.1",
    nextArgs: () => ["--import", "tsx", path.join(process.cwd(), "tests/support/stand-in-next.ts")],
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: "front-test-secret" },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

beforeAll(async () => {
  const fresh = await freshDatabase();
  db = fresh.db;
  databaseUrl = fresh.url;
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  site = await startStandInSite(port);
  await waitFor(async () => site.cache.enabled && (await fetch(`${base}/stats`).then((r) => r.ok, () => false)), 60_000);
}, 120_000);
afterAll(async () => {
  await site?.stop();
  await db?.$disconnect();
});

describe("front server", () => {
  it("answers a page marked for shared caches from memory after the first request", async () => {
    const first = await get("/reports/a");
    expect(first).toMatchObject({ status: 200, cache: "MISS" });
    const second = await get("/reports/a");
    expect(second).toMatchObject({ status: 200, cache: "HIT", body: first.body });
    expect(second.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(second.headers.get("age")).toMatch(/^\d+$/);
    expect((await stats()).requests["/reports/a"]).toBe(1);
  });

  it("renders a page that many readers ask for at once only once, and answers them all from it", async () => {
    const { first, others } = await askAtOnce("herd", 20);
    // The other 19 wait at the front for the render in flight instead of each starting one.
    expect(await heldRenders()).toBe(1);
    await get("/release?key=herd");
    const answers = await Promise.all([first, ...others]);
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(answers.filter((answer) => answer.cache === "MISS")).toHaveLength(1);
    expect((await stats()).requests["/reports/herd"]).toBe(1);
  });

  it("lets no reader wait for a render begun before a change was announced", async () => {
    const { first, others: waiting } = await askAtOnce("herd-change", 6);
    expect(await heldRenders()).toBe(1);
    const generation = site.cache.generation;
    await db.$transaction((tx) => announcePublicChange(tx, changeOf("herd-change")));
    await waitFor(async () => site.cache.generation !== generation, 30_000);
    // A reader arriving now does not join the render in flight: it starts one of its own.
    const later = get("/reports/herd-change", { "x-hold": "herd-change" });
    await waitFor(async () => (await heldRenders()) === 2, 30_000);
    const releasing = setInterval(() => void get("/release?key=herd-change"), 50);
    try {
      const old = await first;
      const fresh = await later;
      const woken = await Promise.all(waiting);
      const edition = (body: string) => /edition (\d+)/.exec(body)?.[1];
      expect(Number(edition(fresh.body))).toBeGreaterThan(Number(edition(old.body)));
      // Those who waited on the old render are answered with the page rendered after the change.
      for (const answer of woken) expect(edition(answer.body)).toBe(edition(fresh.body));
    } finally {
      clearInterval(releasing);
    }
    expect((await get("/reports/herd-change")).body).toBe((await later).body);
  });

  it("keeps variants apart by the headers the page varies on", async () => {
    expect((await get("/reports/variants", { "accept-encoding": "identity" })).cache).toBe("MISS");
    expect((await get("/reports/variants", { "accept-encoding": "gzip" })).cache).toBe("MISS");
    expect((await get("/reports/variants", { "accept-encoding": "gzip, br" })).cache).toBe("HIT");
    expect((await get("/reports/variants", { "accept-encoding": "identity" })).cache).toBe("HIT");
    expect((await stats()).requests["/reports/variants"]).toBe(2);
    // RSC payloads are Next's internal requests: passed through, never kept.
    await get("/reports/variants", { rsc: "1" });
    expect((await get("/reports/variants", { rsc: "1" })).cache).toBeNull();
    expect((await stats()).requests["/reports/variants"]).toBe(4);
  });

  it("never stores an answer to a request carrying Next's internal headers (issue 9: blanked /search)", async () => {
    const attacks: [string, Record<string, string>][] = [
      ["/search", { "x-middleware-prefetch": "1" }],
      ["/search?q=a", { "x-middleware-prefetch": "1" }],
      ["/search?q=b", { purpose: "prefetch" }],
      ["/search?q=c", { rsc: "1" }],
      ["/search?q=d", { "next-router-prefetch": "1" }],
      ["/search?q=e", { "next-router-state-tree": "%5B%5D" }],
      ["/search?q=f", { "next-action": "abc" }],
      ["/search?q=g&_rsc=x1", {}],
    ];
    for (const [pathname, headers] of attacks) {
      const bare = pathname.replace(/&_rsc=.*$/, "");
      await get(pathname, headers);
      await get(pathname, headers);
      const reader = await get(bare);
      expect(reader.body, `${pathname} ${JSON.stringify(headers)}`).toMatch(/^<p>results for/);
      expect(reader.headers.get("content-type")).toBe("text/html; charset=utf-8");
    }
    // A plain reader's search is still kept for the others.
    await get("/search?q=plain");
    expect((await get("/search?q=plain")).cache).toBe("HIT");
    // Nor is a reader's stored page answered to an internal request.
    expect((await get("/search?q=plain", { "x-middleware-prefetch": "1" })).body).toBe("{}");
  });

  it("sends HSTS from the cache only to readers who came over HTTPS through a trusted proxy", async () => {
    const https = { "x-forwarded-proto": "https" };
    await get("/reports/hsts", https);
    const secure = await get("/reports/hsts", https);
    expect(secure.cache).toBe("HIT");
    expect(secure.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const plain = await get("/reports/hsts");
    expect(plain.cache).toBe("HIT");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  it("answers a matching If-None-Match with 304", async () => {
    const first = await get("/reports/etag");
    const etag = first.headers.get("etag")!;
    const res = await fetch(`${base}/reports/etag`, { headers: { "if-none-match": etag } });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe(etag);
  });

  it("lets no shared cache keep a page whose headers came before a change and its body after", async () => {
    // The front sends a public page's headers only with its whole body (it strips the runtime
    // first): by then the change's purges may have passed the shared cache in front.
    await expectUnkeptAcrossChange("streamed", "x-hold-body");
  });

  it("sends a kept page without Next's client runtime and with a policy that runs only our own scripts, on the miss as on the hits, gzipped or not; a private page keeps both", async () => {
    const strict = `script-src ${INLINE_SCRIPT_HASHES.join(" ")};`;
    for (const encoding of ["gzip", "identity"]) {
      const miss = await get("/runtime", { "accept-encoding": encoding });
      const hit = await get("/runtime", { "accept-encoding": encoding });
      expect([miss.cache, hit.cache]).toEqual(["MISS", "HIT"]);
      expect(hit.headers.get("content-encoding")).toBe(encoding === "gzip" ? "gzip" : null);
      for (const page of [miss, hit]) {
        expect(page.body).toBe("<html><head></head><body><p>/runtime page</p></body></html>");
        expect(page.headers.get("content-security-policy")).toContain(strict);
      }
    }
    const personal = await get("/private-runtime");
    expect(personal.body).toContain(`<script src="/_next/static/chunks/app.js" async=""></script>`);
    expect(personal.body).toContain("self.__next_f.push");
    expect(personal.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline'");
  });

  it("passes on whole, and lets no cache keep, a page it cannot strip without breaking it", async () => {
    const first = await get("/runtime-unplaced", { "accept-encoding": "identity" });
    const second = await get("/runtime-unplaced", { "accept-encoding": "identity" });
    expect([first.cache, second.cache]).toEqual(["MISS", "MISS"]);
    for (const page of [first, second]) {
      // Next's runtime and React's scripts stay, with the policy that lets them run.
      expect(page.body).toContain(`$RX("B:0"`);
      expect(page.body).toContain(`<script src="/_next/static/chunks/app.js" async=""></script>`);
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self' 'unsafe-inline'");
      expect(page.headers.get("cache-control")).toBe("private, no-store");
      expect(page.headers.get("cdn-cache-control")).toBeNull();
    }
  });

  it("gzips a shared feed that Next sent uncompressed for a reader who accepts gzip, keeping both forms apart", async () => {
    const xml = `<?xml version="1.0"?><rss><channel>${"<item><title>机关党建</title></item>".repeat(100)}</channel></rss>`;
    for (const round of ["MISS", "HIT"]) {
      const zipped = await fetch(`${base}/feed.xml`, { headers: { "accept-encoding": "gzip" } });
      expect(zipped.headers.get("x-cache")).toBe(round);
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      expect(zipped.headers.get("vary")).toMatch(/Accept-Encoding/i);
      const raw = Buffer.from(await zipped.arrayBuffer());
      // fetch undoes gzip itself; the bytes on the wire were smaller than the feed.
      expect(raw.toString("utf8")).toBe(xml);
      expect(Number(zipped.headers.get("content-length"))).toBeLessThan(Buffer.byteLength(xml) / 5);
      const plain = await get("/feed.xml", { "accept-encoding": "identity" });
      expect(plain.cache).toBe(round);
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(plain.body).toBe(xml);
    }
    // Under a packet it is not worth it.
    const tiny = await fetch(`${base}/tiny.xml`, { headers: { "accept-encoding": "gzip" } });
    expect(tiny.headers.get("content-encoding")).toBeNull();
  });

  it("never keeps a private page, and passes other methods and their bodies through", async () => {
    expect((await get("/private")).body).toBe("private 1");
    expect((await get("/private")).body).toBe("private 2");
    const posted = await fetch(`${base}/echo`, { method: "POST", body: "正文" });
    expect(posted.status).toBe(201);
    expect(await posted.text()).toBe("POST 正文");
  });

  it("drops the cached reads behind it, then purges the pages that show the change, when a committed change is announced", async () => {
    const before = await get("/reports/b");
    expect((await get("/reports/b")).cache).toBe("HIT");
    await get("/reports/untouched");
    expect((await get("/reports/untouched")).cache).toBe("HIT");
    const generation = site.cache.generation;
    await db.$transaction((tx) => announcePublicChange(tx, changeOf("b")));
    await waitFor(async () => site.cache.generation > generation);
    const after = await get("/reports/b");
    expect(after.cache).toBe("MISS");
    // A new edition: the stand-in's cached read was dropped before the front was told.
    expect(after.body).not.toBe(before.body);
    // A page that does not show the change is still answered from memory.
    expect((await get("/reports/untouched")).cache).toBe("HIT");
  });

  it("empties the cache of every instance on the database, not only its own", async () => {
    const port = await findFreePort();
    const other = await startStandInSite(port);
    try {
      const otherBase = `http://127.0.0.1:${port}`;
      await waitFor(async () => other.cache.enabled && (await fetch(`${otherBase}/stats`).then((r) => r.ok, () => false)), 60_000);
      for (const origin of [base, otherBase]) {
        await fetch(`${origin}/reports/shared`).then((r) => r.text());
        expect((await fetch(`${origin}/reports/shared`)).headers.get("x-cache")).toBe("HIT");
      }
      const generations = [site.cache.generation, other.cache.generation] as const;
      await db.$transaction((tx) => announcePublicChange(tx, changeOf("shared")));
      await waitFor(async () => site.cache.generation > generations[0] && other.cache.generation > generations[1]);
      for (const origin of [base, otherBase]) {
        expect((await fetch(`${origin}/reports/shared`)).headers.get("x-cache")).toBe("MISS");
      }
    } finally {
      await other.stop();
    }
  }, 120_000);

  it("ignores a change whose transaction rolled back", async () => {
    await get("/reports/c");
    const reads = (await stats()).reads;
    await db
      .$transaction(async (tx) => {
        await announcePublicChange(tx, changeOf("c"));
        throw new Error("rolled back");
      })
      .catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await get("/reports/c")).cache).toBe("HIT");
    expect((await stats()).reads).toBe(reads);
  });

  it("does not keep a page that was being rendered when a change was announced", async () => {
    // The stand-in reads its edition, then holds the answer until released; the header is not in
    // Vary, so both requests share one cache entry.
    await expectUnkeptAcrossChange("slow", "x-hold");
  });

  it("stops answering from memory while the database connection is lost, and starts again once back", async () => {
    await get("/reports/d");
    expect((await get("/reports/d")).cache).toBe("HIT");
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cms-listener' AND datname = current_database()`;
    await waitFor(async () => !site.cache.enabled);
    expect((await get("/reports/d")).cache).toBeNull();
    await waitFor(async () => site.cache.enabled, 5000);
    expect((await get("/reports/d")).cache).toBe("MISS");
    expect((await get("/reports/d")).cache).toBe("HIT");
  });

  it("answers a Chinese notice with 502 when the server behind it is down", async () => {
    site.next.kill("SIGTERM");
    await new Promise((resolve) => site.next.once("exit", resolve));
    const res = await get("/private");
    expect(res.status).toBe(502);
    expect(res.body).toContain("网站暂时无法访问");
    // The cache still answers what it holds.
    expect((await get("/reports/d")).cache).toBe("HIT");
  });
});
