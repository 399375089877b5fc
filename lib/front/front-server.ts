// The front server: the process readers connect to. It answers published pages from the page
// cache (lib/front/page-cache.ts) and passes every other request, unchanged and streamed, to the
// Next.js server behind it on a loopback port. Next still decides what is cacheable and renders
// every page; the front only spares it from rendering the same published page again.
import http from "node:http";
import zlib from "node:zlib";
import type { Socket } from "node:net";
import { isTrusted, trustedProxies } from "@/lib/http/client-address";
import { HSTS, INLINE_SCRIPT_HASHES, scriptsOnlyByHash } from "@/lib/security/headers";
import { isHtml, runsOnlyListedScripts, withoutClientRuntime } from "./client-runtime";
import { acceptsGzip, isCacheableRequest, isHopByHop, sharedLifetime, type CachedPage, type FillOutcome, type PageCache } from "./page-cache";

export interface Upstream {
  host: string;
  port: number;
}

const UNAVAILABLE_PAGE = Buffer.from(
  "<!doctype html><html lang=zh-CN><meta charset=utf-8><meta name=viewport content='width=device-width'>" +
    "<title>网站暂时无法访问</title><body style='font:18px/1.8 sans-serif;max-width:36em;margin:4em auto;padding:0 1em'>" +
    "<h1>网站暂时无法访问</h1><p>服务正在启动或维护，请稍后刷新本页。</p></body></html>",
);

const TRUSTED = trustedProxies();

/** How many renders in flight a reader waits for before it asks Next itself. */
const MAX_WAITS = 3;
/** How long an idle connection to Next is kept at most; shorter when Next announces less. */
const UPSTREAM_IDLE_MS = 60_000;

function forwardedHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !isHopByHop(name)) headers[name] = value;
  }
  const client = req.socket.remoteAddress ?? "";
  // The app reads the client from the right of X-Forwarded-For (lib/http/client-address.ts),
  // so appending is safe; what a client wrote there stays to the left, unused.
  headers["x-forwarded-for"] = req.headers["x-forwarded-for"] ? `${req.headers["x-forwarded-for"]}, ${client}` : client;
  // Only a proxy of ours (TRUSTED_PROXIES) may say the reader came over HTTPS (which turns on
  // HSTS) or under which host; from anyone else the front's own view replaces theirs.
  if (!isTrusted(client, TRUSTED)) {
    delete headers["x-forwarded-proto"];
    delete headers["x-forwarded-host"];
  }
  headers["x-forwarded-proto"] ??= "http";
  if (req.headers.host) headers["x-forwarded-host"] ??= req.headers.host;
  return headers;
}

/** Whether each connection comes from a trusted proxy (asked once per connection, not per request). */
const trustedSockets = new WeakMap<Socket, boolean>();

/** Whether this reader came over HTTPS, in the word of a trusted proxy. */
function isHttps(req: http.IncomingMessage): boolean {
  const proto = req.headers["x-forwarded-proto"];
  if (!proto || String(proto).split(",")[0]?.trim() !== "https") return false;
  let trusted = trustedSockets.get(req.socket);
  if (trusted === undefined) trustedSockets.set(req.socket, (trusted = isTrusted(req.socket.remoteAddress ?? "", TRUSTED)));
  return trusted;
}

/**
 * The headers of a stored page as answered from memory, for readers over HTTP and over HTTPS
 * (a stored page is shared by both: HSTS is decided per request), made once per stored page:
 * answering a hit then costs one small copy to add its Age.
 */
const hitHeaders = new WeakMap<CachedPage, { http: http.OutgoingHttpHeaders; https: http.OutgoingHttpHeaders }>();

function headersOfHit(page: CachedPage): { http: http.OutgoingHttpHeaders; https: http.OutgoingHttpHeaders } {
  let prepared = hitHeaders.get(page);
  if (!prepared) {
    const plain: http.OutgoingHttpHeaders = { ...page.headers, "content-length": page.body.length, "x-cache": "HIT" };
    delete plain["strict-transport-security"];
    prepared = { http: plain, https: { ...plain, "strict-transport-security": HSTS } };
    hitHeaders.set(page, prepared);
  }
  return prepared;
}

function answerFromCache(req: http.IncomingMessage, res: http.ServerResponse, cache: PageCache): boolean {
  const page = cache.lookup(req.url ?? "/", req.headers);
  if (!page) return false;
  const age = String(Math.max(0, Math.floor((Date.now() - page.storedAt) / 1000)));
  if (page.etag && req.headers["if-none-match"] === page.etag) {
    res.writeHead(304, { etag: page.etag, "cache-control": String(page.headers["cache-control"] ?? ""), age, "x-cache": "HIT" });
    res.end();
    return true;
  }
  const prepared = headersOfHit(page);
  res.writeHead(page.status, { ...(isHttps(req) ? prepared.https : prepared.http), age });
  res.end(page.body);
  return true;
}

/**
 * A change was announced since this render began (`generation`): the page may show what was
 * there before, and the shared cache in front may already have been purged of it, so no shared
 * cache may keep it.
 */
function unshareIfChanged(headers: http.OutgoingHttpHeaders, cache: PageCache, generation: number) {
  if (generation !== cache.generation) unshare(headers);
}

/** Headers that let no cache, shared or the browser's, keep the answer. */
function unshare(headers: http.OutgoingHttpHeaders) {
  delete headers["cdn-cache-control"];
  headers["cache-control"] = "private, no-store";
}

/** How a render that was not stored ended, for readers waiting on it. */
const notKept = (cache: PageCache, generation: number): FillOutcome =>
  generation === cache.generation && cache.enabled ? "unkept" : "lost";

/**
 * Sends the request to Next and streams its answer back, keeping it when it may be kept.
 * `settle`, for the one render of a page that other readers wait on, hears once how it ended.
 */
function passToUpstream(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  cache: PageCache,
  upstream: Upstream,
  agent: http.Agent | false,
  settle: (outcome: FillOutcome) => void = () => {},
  retried = false,
) {
  const shareable = isCacheableRequest(req.method, req.headers, req.url);
  const storable = cache.enabled && shareable;
  const generation = cache.generation;
  const upstreamReq = http.request(
    { host: upstream.host, port: upstream.port, method: req.method, path: req.url, headers: forwardedHeaders(req), agent },
    (upstreamRes) => {
      const headers: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(upstreamRes.headers)) {
        if (value !== undefined && !isHopByHop(name)) headers[name] = value;
      }
      const status = upstreamRes.statusCode ?? 502;
      // A change announced while Next was rendering closes the race of a render that outlives the
      // purges: no cache keeps that page, and the next request renders afresh.
      const shared = sharedLifetime(status, upstreamRes.headers) !== null;
      if (shared) unshareIfChanged(headers, cache, generation);
      const keep = storable && shared;
      if (keep) headers["x-cache"] = "MISS";
      // Readers waiting on this render need not wait for a body that will not be kept.
      else settle(notKept(cache, generation));
      // Public pages lose the runtime whether or not the cache is on (it is off while the
      // database connection is lost): a reader gets the same page either way.
      if (shareable && shared && isHtml(upstreamRes.headers["content-type"])) {
        answerWhole(req, res, upstreamRes, headers, cache, generation, settle, withoutRuntime);
        return;
      }
      // Next sends what its route handlers return (feeds, sitemaps) uncompressed
      // (vercel/next.js#98007): the front gzips those it shares, as it does pages.
      if (shareable && shared && isCompressible(upstreamRes.headers)) {
        answerWhole(req, res, upstreamRes, headers, cache, generation, settle, gzippedIfAccepted);
        return;
      }
      res.writeHead(status, upstreamRes.statusMessage, headers);
      if (keep) {
        const chunks: Buffer[] = [];
        let size = 0;
        upstreamRes.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= cache.maxEntryBytes) chunks.push(chunk);
        });
        upstreamRes.on("end", () => {
          if (!upstreamRes.complete) return settle("lost");
          if (size > cache.maxEntryBytes) return settle("unkept");
          const stored = cache.store({
            generation,
            url: req.url ?? "/",
            requestHeaders: req.headers,
            status,
            responseHeaders: upstreamRes.headers,
            body: Buffer.concat(chunks, size),
          });
          settle(stored ? "kept" : notKept(cache, generation));
        });
      }
      upstreamRes.on("close", () => settle("lost"));
      upstreamRes.pipe(res);
      upstreamRes.on("error", () => res.destroy());
    },
  );
  upstreamReq.on("error", (error: NodeJS.ErrnoException) => {
    // Next may close an idle kept-alive connection just as it is reused; a request without a
    // body is then safe to send again (the retry Node's http documentation recommends), on a new
    // connection: the pool's other idle connections may be closing at the same moment.
    const bodiless = req.method === "GET" || req.method === "HEAD";
    if (!retried && !res.headersSent && bodiless && upstreamReq.reusedSocket && error.code === "ECONNRESET") {
      passToUpstream(req, res, cache, upstream, false, settle, true);
      return;
    }
    settle("lost");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "retry-after": "5" });
    res.end(UNAVAILABLE_PAGE);
  });
  // A reader who leaves mid-answer should not keep Next rendering for nobody.
  res.on("close", () => {
    if (res.writableFinished) return;
    upstreamReq.destroy();
    settle("lost");
  });
  if (retried) upstreamReq.end();
  else req.pipe(upstreamReq);
}

/** A body as it will be sent and kept, with the headers that change with it. */
interface Transformed {
  body: Buffer;
  headers?: http.OutgoingHttpHeaders;
}

/**
 * A public page (HTML for every reader) without Next's client runtime
 * (lib/front/client-runtime.ts), in the encoding it came in, and with a policy that runs only
 * our own inline script (lib/security/headers.ts). Throws on an encoding it cannot read.
 */
function withoutRuntime(raw: Buffer, upstreamRes: http.IncomingMessage): Transformed {
  const encoding = String(upstreamRes.headers["content-encoding"] ?? "").trim().toLowerCase();
  if (encoding !== "" && encoding !== "gzip") throw new Error(`unread encoding ${encoding}`);
  const html = withoutClientRuntime((encoding === "gzip" ? zlib.gunzipSync(raw) : raw).toString("utf8"));
  // Under load React may stream a boundary in a shape withoutClientRuntime does not place; its
  // scripts stay, and the strict policy would refuse them and leave the reader a fallback.
  if (!runsOnlyListedScripts(html, INLINE_SCRIPT_HASHES)) throw new Error("streamed content left in place for React's scripts");
  const policy = upstreamRes.headers["content-security-policy"];
  return {
    body: encoding === "gzip" ? zlib.gzipSync(html) : Buffer.from(html),
    headers: typeof policy === "string" ? { "content-security-policy": scriptsOnlyByHash(policy) } : {},
  };
}

/** Bodies smaller than this are sent as they are (gzip would save less than a packet). */
const GZIP_MIN_BYTES = 1024;

/** An uncompressed text answer (XML, JSON, plain text) worth compressing. */
function isCompressible(headers: http.IncomingHttpHeaders): boolean {
  if (headers["content-encoding"] !== undefined) return false;
  const type = String(headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  return /^text\/|^application\/(xml|json)$|\+(xml|json)$/.test(type);
}

/**
 * The answer gzipped when the reader accepts gzip; the reader who does not gets it as it came.
 * Either way it now varies on Accept-Encoding, so each is kept (and shared) apart.
 */
function gzippedIfAccepted(raw: Buffer, upstreamRes: http.IncomingMessage, req: http.IncomingMessage): Transformed {
  const vary = [upstreamRes.headers.vary, "Accept-Encoding"].filter(Boolean).join(", ");
  if (!acceptsGzip(req.headers["accept-encoding"]) || raw.length < GZIP_MIN_BYTES) return { body: raw, headers: { vary } };
  return { body: zlib.gzipSync(raw), headers: { vary, "content-encoding": "gzip" } };
}

/**
 * A shared answer read whole and changed by `transform` (a page without the runtime, a feed
 * gzipped), then sent and stored when the cache may keep it: the reader who filled the cache
 * gets the same bytes as every hit after.
 */
function answerWhole(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  upstreamRes: http.IncomingMessage,
  headers: http.OutgoingHttpHeaders,
  cache: PageCache,
  generation: number,
  settle: (outcome: FillOutcome) => void,
  transform: (raw: Buffer, upstreamRes: http.IncomingMessage, req: http.IncomingMessage) => Transformed,
) {
  const status = upstreamRes.statusCode ?? 502;
  const chunks: Buffer[] = [];
  upstreamRes.on("data", (chunk: Buffer) => chunks.push(chunk));
  upstreamRes.on("error", () => res.destroy());
  upstreamRes.on("close", () => settle("lost"));
  upstreamRes.on("end", () => {
    if (!upstreamRes.complete) {
      settle("lost");
      res.destroy();
      return;
    }
    let changed: Transformed;
    try {
      changed = transform(Buffer.concat(chunks), upstreamRes, req);
    } catch {
      // Not what it said it was (an encoding we do not read), or a page that works only with
      // Next's runtime: passed on as it came, its own policy included, and kept by no cache.
      const body = Buffer.concat(chunks);
      settle(notKept(cache, generation));
      const unshared: http.OutgoingHttpHeaders = { ...headers, "content-length": body.length };
      unshare(unshared);
      res.writeHead(status, upstreamRes.statusMessage, unshared);
      res.end(body);
      return;
    }
    const { body } = changed;
    const out: http.OutgoingHttpHeaders = { ...headers, ...changed.headers, "content-length": body.length };
    delete out["transfer-encoding"];
    // The headers go out only now, after the whole render: a change announced since they came
    // from Next (and the purges it sent) may have found no copy of this page in the shared cache
    // in front yet, so that cache must not keep what may show the page as it was.
    unshareIfChanged(out, cache, generation);
    const responseHeaders = { ...upstreamRes.headers, ...(changed.headers as http.IncomingHttpHeaders), "content-length": String(body.length) };
    delete responseHeaders["transfer-encoding"];
    const stored = cache.store({ generation, url: req.url ?? "/", requestHeaders: req.headers, status, responseHeaders, body });
    settle(stored ? "kept" : notKept(cache, generation));
    res.writeHead(status, upstreamRes.statusMessage, out);
    res.end(body);
  });
}

export function createFrontServer(options: { cache: PageCache; upstream: Upstream }): http.Server {
  const { cache, upstream } = options;
  // Without a timeout of its own, Node's agent ignores the `Keep-Alive: timeout=5` Next sends and
  // keeps an idle connection until Next closes it, which a request can cross on the wire. With
  // one, it drops an idle connection a second before Next would (lib/_http_agent.js).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: UPSTREAM_IDLE_MS });
  const handle = (req: http.IncomingMessage, res: http.ServerResponse, waits = 0): void => {
    if (!cache.enabled || !isCacheableRequest(req.method, req.headers, req.url)) return passToUpstream(req, res, cache, upstream, agent);
    if (answerFromCache(req, res, cache)) return;
    // Concurrent readers of a page not yet stored wait for one render and are answered from what
    // it stored; past MAX_WAITS (changes announced during each render) a reader renders its own.
    const turn = waits < MAX_WAITS ? cache.beginFill(req.url ?? "/", req.headers) : ({ kind: "pass" } as const);
    if (turn.kind === "wait") {
      void turn.settled.then(() => {
        if (!res.destroyed && !req.socket.destroyed) handle(req, res, waits + 1);
      });
      return;
    }
    passToUpstream(req, res, cache, upstream, agent, turn.kind === "fetch" ? turn.end : undefined);
  };
  const server = http.createServer((req, res) => handle(req, res));
  // Next's own keep-alive timeout is 5 s; the front keeps readers' connections a little longer.
  server.keepAliveTimeout = 65_000;
  server.on("close", () => agent.destroy());
  return server;
}
