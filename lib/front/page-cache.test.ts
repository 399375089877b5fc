import { describe, expect, it } from "vitest";
import { isCacheableRequest, isNextInternalRequest, PageCache, sharedLifetime, variantKey, varyNames } from "./page-cache";

const NEXT_PAGE_HEADERS = {
  "cache-control": "s-maxage=300, stale-while-revalidate=31535700",
  vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding",
  "content-type": "text/html; charset=utf-8",
  etag: '"abc"',
  "x-nextjs-cache": "HIT",
};

describe("sharedLifetime", () => {
  it("keeps a page Next marks for shared caches for its s-maxage", () => {
    expect(sharedLifetime(200, NEXT_PAGE_HEADERS)).toBe(300);
    expect(sharedLifetime(200, { "cache-control": "public, max-age=60" })).toBe(60);
  });

  it("lets CDN-Cache-Control, meant for shared caches only, replace Cache-Control", () => {
    const dynamic = { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" };
    expect(sharedLifetime(200, { ...dynamic, "cdn-cache-control": "max-age=120" })).toBe(120);
    expect(sharedLifetime(200, { ...NEXT_PAGE_HEADERS, "cdn-cache-control": "no-store" })).toBeNull();
    expect(sharedLifetime(200, { ...dynamic, "cdn-cache-control": "max-age=120", "set-cookie": "a=b" })).toBeNull();
  });

  it("never keeps a private, uncacheable, cookie-setting, stale or non-200 answer", () => {
    expect(sharedLifetime(200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" })).toBeNull();
    expect(sharedLifetime(200, { ...NEXT_PAGE_HEADERS, "set-cookie": ["a=b"] })).toBeNull();
    expect(sharedLifetime(200, { ...NEXT_PAGE_HEADERS, "x-nextjs-cache": "STALE" })).toBeNull();
    expect(sharedLifetime(404, NEXT_PAGE_HEADERS)).toBeNull();
    expect(sharedLifetime(410, NEXT_PAGE_HEADERS)).toBeNull();
    expect(sharedLifetime(200, { "cache-control": "public, max-age=0, must-revalidate" })).toBeNull();
    expect(sharedLifetime(200, { "cache-control": "max-age=60" })).toBeNull();
    expect(sharedLifetime(200, {})).toBeNull();
    expect(sharedLifetime(200, { ...NEXT_PAGE_HEADERS, vary: "*" })).toBeNull();
  });
});

describe("requests and variants", () => {
  it("answers only plain GETs from the cache", () => {
    expect(isCacheableRequest("GET", {})).toBe(true);
    expect(isCacheableRequest("HEAD", {})).toBe(false);
    expect(isCacheableRequest("POST", {})).toBe(false);
    expect(isCacheableRequest("GET", { authorization: "Basic x" })).toBe(false);
    expect(isCacheableRequest("GET", { range: "bytes=0-10" })).toBe(false);
  });

  it("neither answers nor keeps requests carrying Next's internal headers or the _rsc query", () => {
    for (const headers of [
      { rsc: "1" },
      { "next-router-state-tree": "x" },
      { "next-router-prefetch": "1" },
      { "next-router-segment-prefetch": "/_tree" },
      { "x-middleware-prefetch": "1" },
      { purpose: "prefetch" },
      { "sec-purpose": "prefetch;prerender" },
      { "next-action": "abc" },
    ]) {
      expect(isNextInternalRequest(headers), JSON.stringify(headers)).toBe(true);
      expect(isCacheableRequest("GET", headers, "/search")).toBe(false);
    }
    expect(isCacheableRequest("GET", {}, "/search?q=a&_rsc=1x2")).toBe(false);
    expect(isCacheableRequest("GET", {}, "/search?q=_rsc")).toBe(true);
    const cache = new PageCache();
    const searchHeaders = { "cache-control": "private, no-store", "cdn-cache-control": "max-age=300", vary: "rsc, Accept-Encoding" };
    const stored = (requestHeaders: Record<string, string>, url = "/search") =>
      cache.store({ generation: cache.generation, url, requestHeaders, status: 200, responseHeaders: searchHeaders, body: Buffer.from("{}") });
    expect(stored({ "x-middleware-prefetch": "1" })).toBe(false);
    expect(stored({ purpose: "prefetch" })).toBe(false);
    expect(stored({}, "/search?_rsc=1")).toBe(false);
    expect(cache.size).toBe(0);
  });

  it("tells variants apart by the headers named in Vary, with gzip or not as the only encodings", () => {
    const names = varyNames(NEXT_PAGE_HEADERS);
    expect(names).toEqual(["accept-encoding", "next-router-prefetch", "next-router-segment-prefetch", "next-router-state-tree", "rsc"]);
    const browser = variantKey("/", names, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(variantKey("/", names, { "accept-encoding": "gzip" })).toBe(browser);
    expect(variantKey("/", names, {})).not.toBe(browser);
    expect(variantKey("/", names, { "accept-encoding": "gzip", rsc: "1" })).not.toBe(browser);
    expect(variantKey("/?page=2", names, { "accept-encoding": "gzip" })).not.toBe(browser);
  });
});

describe("PageCache", () => {
  const store = (cache: PageCache, overrides: Partial<Parameters<PageCache["store"]>[0]> = {}) =>
    cache.store({
      generation: cache.generation,
      url: "/reports/r1",
      requestHeaders: {},
      status: 200,
      responseHeaders: { ...NEXT_PAGE_HEADERS, connection: "keep-alive", "content-length": "5", date: "x" },
      body: Buffer.from("<p>1"),
      ...overrides,
    });

  it("answers the same variant it stored, without connection, length or date headers", () => {
    const cache = new PageCache();
    expect(store(cache)).toBe(true);
    const page = cache.lookup("/reports/r1", {});
    expect(page?.body.toString()).toBe("<p>1");
    expect(page?.etag).toBe('"abc"');
    expect(page?.headers).not.toHaveProperty("connection");
    expect(page?.headers).not.toHaveProperty("content-length");
    expect(page?.headers).not.toHaveProperty("date");
    expect(page?.headers["cache-control"]).toBe(NEXT_PAGE_HEADERS["cache-control"]);
    expect(cache.lookup("/reports/r1", { rsc: "1" })).toBeUndefined();
    expect(cache.lookup("/reports/r2", {})).toBeUndefined();
  });

  it("drops everything on clear, and refuses a page fetched before the clear", () => {
    const cache = new PageCache();
    const before = cache.generation;
    store(cache);
    cache.clear();
    expect(cache.lookup("/reports/r1", {})).toBeUndefined();
    expect(store(cache, { generation: before })).toBe(false);
    expect(cache.size).toBe(0);
    expect(store(cache)).toBe(true);
  });

  it("expires a page after its shared lifetime", () => {
    let now = 1_000_000;
    const cache = new PageCache({ now: () => now });
    store(cache, { responseHeaders: { "cache-control": "s-maxage=10" } });
    now += 9_000;
    expect(cache.lookup("/reports/r1", {})).toBeDefined();
    now += 2_000;
    expect(cache.lookup("/reports/r1", {})).toBeUndefined();
  });

  it("answers nothing and keeps nothing while disabled", () => {
    const cache = new PageCache();
    store(cache);
    cache.enabled = false;
    expect(cache.lookup("/reports/r1", {})).toBeUndefined();
    expect(store(cache, { url: "/other" })).toBe(false);
  });

  it("keeps its bodies within the memory bound, evicting the least recently used", () => {
    const cache = new PageCache({ maxBytes: 12_000, maxEntryBytes: 4_000 });
    const body = Buffer.alloc(3_000, "a");
    for (const url of ["/a", "/b", "/c"]) store(cache, { url, body });
    cache.lookup("/a", {});
    store(cache, { url: "/d", body });
    expect(cache.lookup("/a", {})).toBeDefined();
    expect(cache.lookup("/b", {})).toBeUndefined();
    expect(store(cache, { url: "/big", body: Buffer.alloc(5_000) })).toBe(false);
  });
});

describe("PageCache request coalescing", () => {
  const PAGE = { generation: 0, url: "/reports/r1", requestHeaders: {}, status: 200, responseHeaders: NEXT_PAGE_HEADERS, body: Buffer.from("<p>1") };

  it("lets one request of a variant not yet stored fetch it, the others wait and then find it stored", async () => {
    const cache = new PageCache();
    const first = cache.beginFill("/reports/r1", {});
    expect(first.kind).toBe("fetch");
    const others = [cache.beginFill("/reports/r1", {}), cache.beginFill("/reports/r1", { "accept-encoding": "identity" })];
    expect(others.map((turn) => turn.kind)).toEqual(["wait", "wait"]);
    // Another URL, or the gzip variant, is a render of its own.
    expect(cache.beginFill("/reports/r2", {}).kind).toBe("fetch");
    expect(cache.beginFill("/reports/r1", { "accept-encoding": "gzip" }).kind).toBe("fetch");
    let woken = 0;
    for (const turn of others) if (turn.kind === "wait") void turn.settled.then(() => woken++);
    expect(cache.store({ ...PAGE, generation: cache.generation })).toBe(true);
    if (first.kind === "fetch") first.end("kept");
    await Promise.resolve();
    await Promise.resolve();
    expect(woken).toBe(2);
    expect(cache.lookup("/reports/r1", {})?.body.toString()).toBe("<p>1");
    // Ended: the next miss of that variant fetches again.
    expect(cache.beginFill("/reports/r1", {}).kind).toBe("fetch");
  });

  it("lets nobody join a render begun before a purge or a clear", () => {
    for (const change of [(cache: PageCache) => cache.purge(["report:r1"]), (cache: PageCache) => cache.clear()]) {
      const cache = new PageCache();
      const before = cache.beginFill("/reports/r1", {});
      expect(before.kind).toBe("fetch");
      expect(cache.beginFill("/reports/r1", {}).kind).toBe("wait");
      change(cache);
      const after = cache.beginFill("/reports/r1", {});
      expect(after.kind).toBe("fetch");
      expect(cache.fillsInFlight).toBe(1);
      // The old render ending does not end the new one.
      if (before.kind === "fetch") before.end("lost");
      expect(cache.beginFill("/reports/r1", {}).kind).toBe("wait");
    }
  });

  it("sends requests for a variant whose answer could not be kept straight on for a while", () => {
    let now = 1_000_000;
    const cache = new PageCache({ now: () => now });
    const first = cache.beginFill("/private", {});
    if (first.kind === "fetch") first.end("unkept");
    expect(cache.beginFill("/private", {}).kind).toBe("pass");
    expect(cache.beginFill("/private", {}).kind).toBe("pass");
    now += 60_000;
    expect(cache.beginFill("/private", {}).kind).toBe("fetch");
    // A render that was merely lost (its reader left, Next failed) does not.
    const lost = cache.beginFill("/reports/r1", {});
    if (lost.kind === "fetch") lost.end("lost");
    expect(cache.beginFill("/reports/r1", {}).kind).toBe("fetch");
  });

  it("coalesces nothing while disabled", () => {
    const cache = new PageCache();
    cache.enabled = false;
    expect(cache.beginFill("/reports/r1", {}).kind).toBe("pass");
    expect(cache.beginFill("/reports/r1", {}).kind).toBe("pass");
  });
});
