// The public page cache: whole HTTP responses that Next.js marks as shareable (the published
// pages in its full-route cache), kept in memory by the front server (lib/front/front-server.ts)
// and answered without entering Next at all. It follows HTTP's own rules, so it caches exactly
// what a CDN would: GET, status 200, `s-maxage` or `public, max-age`, no Set-Cookie, one entry
// per combination of the request headers named in Vary. Every publish, unpublish or correction
// empties it (lib/front/public-changes.ts), so it is never staler than Next itself.
import { LRUCache } from "lru-cache";

export interface CachedPage {
  status: number;
  /** Response headers as Next sent them, minus hop-by-hop ones, Date and Content-Length. */
  headers: Record<string, string | string[]>;
  body: Buffer;
  etag: string | undefined;
  storedAt: number;
  /** What the page shows (its `xkey` header, lib/public/cache-tags.ts): purged by those tags. */
  tags: string[];
}

/** Headers that describe one connection, never a stored response (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

export function isHopByHop(name: string): boolean {
  return HOP_BY_HOP.has(name.toLowerCase());
}

type HeaderValue = string | string[] | undefined;
type Headers = Record<string, HeaderValue>;

function one(value: HeaderValue): string {
  return Array.isArray(value) ? value.join(", ") : (value ?? "");
}

/**
 * Request headers with which Next's client router and Proxy ask for something other than the
 * page a reader sees: React Server Component payloads, prefetches (a prefetch of a dynamic page
 * is answered with an empty `{}`), server actions. Next names only some of them in Vary, and
 * CDN-Cache-Control set for a path applies to all of these answers too, so a shared cache that
 * kept one would serve it to every reader of the URL (issue 9: `x-middleware-prefetch: 1` on
 * /search stored `{}` for everyone). Such requests are never answered from, nor stored in,
 * the cache, whatever the response says.
 */
const NEXT_INTERNAL_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-hmr-refresh",
  "next-url",
  "next-action",
  "x-middleware-prefetch",
  "x-nextjs-data",
  "x-middleware-invoke",
  "x-invoke-path",
];

export function isNextInternalRequest(headers: Headers, url = "/"): boolean {
  if (NEXT_INTERNAL_HEADERS.some((name) => headers[name] !== undefined)) return true;
  if (/\bprefetch\b/i.test(one(headers.purpose)) || /\bprefetch\b/i.test(one(headers["sec-purpose"]))) return true;
  // `_rsc` is the cache-busting query Next adds to RSC fetches.
  const query = url.indexOf("?");
  return query >= 0 && new URLSearchParams(url.slice(query + 1)).has("_rsc");
}

/** Only plain GETs of a reader's page can be answered from the cache; anything else goes to Next untouched. */
export function isCacheableRequest(method: string | undefined, headers: Headers, url = "/"): boolean {
  return method === "GET" && !headers.authorization && !headers.range && !isNextInternalRequest(headers, url);
}

/**
 * How long (seconds) a response may be served to any reader, or null when it must not be
 * stored: the shared-cache lifetime from Cache-Control, and only for a complete, fresh 200 that
 * sets no cookie. Next marks its stale-while-revalidate answers `x-nextjs-cache: STALE`; those
 * are passed on but not stored, so the regenerated page is what gets kept.
 */
export function sharedLifetime(status: number, headers: Headers): number | null {
  if (status !== 200 || headers["set-cookie"] !== undefined) return null;
  if (one(headers["x-nextjs-cache"]).toUpperCase() === "STALE") return null;
  if (one(headers.vary).trim() === "*") return null;
  // CDN-Cache-Control (RFC 9213) speaks to shared caches only and, when present, replaces
  // Cache-Control for them: the app uses it for pages Next renders per request but that are
  // the same for every reader (search results), see next.config.ts.
  const targeted = headers["cdn-cache-control"] !== undefined;
  const directives = new Map<string, string>();
  for (const part of one(targeted ? headers["cdn-cache-control"] : headers["cache-control"]).split(",")) {
    const [name, value = ""] = part.trim().toLowerCase().split("=");
    if (name) directives.set(name, value.replace(/"/g, ""));
  }
  if (directives.has("private") || directives.has("no-store") || directives.has("no-cache")) return null;
  const seconds = directives.has("s-maxage")
    ? Number(directives.get("s-maxage"))
    : (targeted || directives.has("public")) && directives.has("max-age")
      ? Number(directives.get("max-age"))
      : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** The request header names a response varies on, lower-cased, in a stable order. */
export function varyNames(headers: Headers): string[] {
  return [
    ...new Set(
      one(headers.vary)
        .split(",")
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean),
    ),
  ].sort();
}

/**
 * Clients spell Accept-Encoding many ways ("gzip, deflate, br, zstd"); Next answers gzip or
 * nothing, so those are the only two variants worth keeping apart.
 */
function normalized(name: string, value: string): string {
  if (name === "accept-encoding") return acceptsGzip(value) ? "gzip" : "";
  return value;
}

/** Whether an Accept-Encoding value takes gzip: the one rule for the variants kept and sent. */
export function acceptsGzip(acceptEncoding: string | string[] | undefined): boolean {
  return /\bgzip\b/i.test(one(acceptEncoding));
}

export function variantKey(url: string, names: readonly string[], headers: Headers): string {
  return [url, ...names.map((name) => `${name}:${normalized(name, one(headers[name]))}`)].join("\n");
}

/**
 * How the render of a page the cache could not answer ended, for the requests waiting on it:
 * `kept` (they find it stored), `unkept` (its answer may not be kept: a private page, an error
 * status, too large; they go to Next themselves, and so does every request for that variant
 * for a while), or `lost` (the render failed, its reader left, or a change was announced
 * meanwhile; they look again, and one of them renders afresh).
 */
export type FillOutcome = "kept" | "unkept" | "lost";

/**
 * What a request that the cache could not answer does: `fetch` the page from Next (it is the one
 * render of its variant in flight, and must call `end` once, however it ends), `wait` for the
 * render already in flight and then look again, or `pass` to Next on its own.
 */
export type FillTurn = { kind: "fetch"; end: (outcome: FillOutcome) => void } | { kind: "wait"; settled: Promise<void> } | { kind: "pass" };

interface Fill {
  generation: number;
  waiters: (() => void)[];
}

/** How long requests for a variant whose answer could not be kept go to Next without waiting on each other. */
const UNKEPT_MS = 10_000;

export interface PageCacheOptions {
  /** Upper bound of the memory the stored bodies take. */
  maxBytes?: number;
  /** Larger responses are passed on but not kept. */
  maxEntryBytes?: number;
  now?: () => number;
}

/** What the cache has done since it started, for the load benchmark and diagnostics. */
export interface PageCacheCounts {
  /** Requests answered from memory. */
  hits: number;
  /** Requests that found nothing stored (each then fetched, waited or passed). */
  misses: number;
  /** Requests that waited for a render in flight instead of starting one. */
  waits: number;
  stores: number;
  purges: number;
  clears: number;
}

export class PageCache {
  /** Bumped by every clear(); a response fetched before a change is not stored after it. */
  generation = 0;
  readonly counts: PageCacheCounts = { hits: 0, misses: 0, waits: 0, stores: 0, purges: 0, clears: 0 };
  /** False while changes cannot be heard (the database connection is down): pass everything on. */
  enabled = true;
  readonly maxEntryBytes: number;
  private readonly pages: LRUCache<string, CachedPage>;
  /** The Vary of each URL's last stored response: which request headers pick its variant. */
  private readonly varyByUrl = new LRUCache<string, string[]>({ max: 50_000 });
  private readonly now: () => number;
  /**
   * The renders in flight, by variant (request coalescing, as Varnish's waiting list): 50 readers
   * asking at once for a page not yet stored cost one render, not 50. Only renders begun in the
   * current generation are joined.
   */
  private readonly fills = new Map<string, Fill>();
  /** Variants whose last answer could not be kept: their requests do not wait on each other. */
  private readonly unkept: LRUCache<string, true>;

  constructor(options: PageCacheOptions = {}) {
    this.maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024;
    this.now = options.now ?? Date.now;
    this.pages = new LRUCache<string, CachedPage>({
      maxSize: options.maxBytes ?? 128 * 1024 * 1024,
      sizeCalculation: (page) => page.body.length + 512,
      ttlAutopurge: false,
      ttlResolution: 0,
      perf: { now: () => this.now() },
    });
    this.unkept = new LRUCache<string, true>({ max: 10_000, ttl: UNKEPT_MS, ttlAutopurge: false, ttlResolution: 0, perf: { now: () => this.now() } });
  }

  /**
   * The variant a request waits on: its URL and whether it takes gzip, the only request headers
   * public pages vary on besides Next's internal ones, which no cacheable request carries. A
   * waiter that wanted another variant finds nothing when it looks again and renders its own.
   */
  private fillKey(url: string, headers: Headers): string {
    return variantKey(url, ["accept-encoding"], headers);
  }

  /** For a request lookup() could not answer: fetch, wait for the render in flight, or pass (see FillTurn). */
  beginFill(url: string, headers: Headers): FillTurn {
    const key = this.fillKey(url, headers);
    if (!this.enabled || this.unkept.has(key)) return { kind: "pass" };
    const inFlight = this.fills.get(key);
    // A render begun before a purge or clear may show what was there before: nobody joins it.
    if (inFlight && inFlight.generation === this.generation) {
      this.counts.waits++;
      return { kind: "wait", settled: new Promise<void>((resolve) => inFlight.waiters.push(resolve)) };
    }
    const fill: Fill = { generation: this.generation, waiters: [] };
    this.fills.set(key, fill);
    let ended = false;
    return {
      kind: "fetch",
      end: (outcome) => {
        if (ended) return;
        ended = true;
        if (this.fills.get(key) === fill) this.fills.delete(key);
        if (outcome === "unkept" && fill.generation === this.generation) this.unkept.set(key, true);
        for (const wake of fill.waiters) wake();
      },
    };
  }

  /** Renders in flight that requests can still join (for tests and diagnostics). */
  get fillsInFlight(): number {
    let count = 0;
    for (const fill of this.fills.values()) if (fill.generation === this.generation) count++;
    return count;
  }

  /** Requests waiting for a render in flight (for tests and diagnostics). */
  get waitingRequests(): number {
    let count = 0;
    for (const fill of this.fills.values()) count += fill.waiters.length;
    return count;
  }

  /** The stored answer to this request, if there is one and it is still fresh. */
  lookup(url: string, headers: Headers): CachedPage | undefined {
    if (!this.enabled) return undefined;
    const names = this.varyByUrl.get(url);
    const page = names && this.pages.get(variantKey(url, names, headers));
    if (page) this.counts.hits++;
    else this.counts.misses++;
    return page;
  }

  /**
   * Keeps a response fetched while `generation` was current, unless the cache has been cleared
   * since (the page may predate the change that cleared it).
   */
  store(options: {
    generation: number;
    url: string;
    requestHeaders: Headers;
    status: number;
    responseHeaders: Headers;
    body: Buffer;
  }): boolean {
    const { url, responseHeaders, body } = options;
    if (!this.enabled || options.generation !== this.generation || body.length > this.maxEntryBytes) return false;
    if (isNextInternalRequest(options.requestHeaders, url)) return false;
    const lifetime = sharedLifetime(options.status, responseHeaders);
    if (lifetime === null) return false;
    const names = varyNames(responseHeaders);
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(responseHeaders)) {
      if (value === undefined || isHopByHop(name) || name === "content-length" || name === "date") continue;
      headers[name] = value;
    }
    this.varyByUrl.set(url, names);
    this.unkept.delete(this.fillKey(url, options.requestHeaders));
    this.pages.set(
      variantKey(url, names, options.requestHeaders),
      {
        status: options.status,
        headers,
        body,
        etag: one(responseHeaders.etag) || undefined,
        storedAt: this.now(),
        tags: one(responseHeaders.xkey).split(/\s+/).filter(Boolean),
      },
      { ttl: lifetime * 1000 },
    );
    this.counts.stores++;
    return true;
  }

  clear(): void {
    this.generation++;
    this.counts.clears++;
    this.pages.clear();
    this.varyByUrl.clear();
  }

  /**
   * Drops the pages that show any of `tags`; the others stay. A page being fetched meanwhile is
   * not kept (it may predate the change), whatever it shows.
   */
  purge(tags: readonly string[]): number {
    this.generation++;
    this.counts.purges++;
    const wanted = new Set(tags);
    let dropped = 0;
    for (const [key, page] of this.pages.entries()) {
      if (page.tags.some((tag) => wanted.has(tag))) {
        this.pages.delete(key);
        dropped++;
      }
    }
    return dropped;
  }

  get size(): number {
    return this.pages.size;
  }
}
