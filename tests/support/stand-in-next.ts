// A stand-in for the Next.js server behind the front (tests/integration/front-server.test.ts).
// It runs the real change listener (lib/public/refresh-on-change.ts), as Next does from
// instrumentation.ts, and renders its pages from a real cached public read, so a page shows a
// new edition exactly when the read cache was dropped. It answers like Next does for a cached
// page, a private page and a slow or held-back page, and counts what reached it. Listens on PORT.
import http from "node:http";
import zlib from "node:zlib";
import { cachedPublicRead } from "../../lib/public/cache";
import { startPublicRefresh } from "../../lib/public/refresh-on-change";
import { tagsForPath, xkeyHeader } from "../../lib/public/cache-tags";
import { contentSecurityPolicy } from "../../lib/security/headers";

const stats = { requests: {} as Record<string, number>, reads: 0, held: 0 };
/** Answers held back (request header `x-hold: <key>`) until GET /release?key=<key> releases them all. */
const held = new Map<string, (() => void)[]>();
const PAGE = { "cache-control": "s-maxage=300, stale-while-revalidate=31535700", vary: "rsc, Accept-Encoding", "content-type": "text/html; charset=utf-8" };
// Each real read is a new edition; a cached read repeats the last one.
const readEdition = cachedPublicRead("edition", async () => ++stats.reads);

startPublicRefresh(process.env.DATABASE_URL!);

http
  .createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    stats.requests[url.pathname] = (stats.requests[url.pathname] ?? 0) + 1;
    if (url.pathname === "/stats") {
      res.writeHead(200, { "cache-control": "private, no-store" });
      return res.end(JSON.stringify(stats));
    }
    if (url.pathname === "/release") {
      const key = url.searchParams.get("key") ?? "";
      for (const release of held.get(key) ?? []) release();
      held.delete(key);
      res.writeHead(200, { "cache-control": "private, no-store" });
      return res.end("released");
    }
    if (url.pathname === "/echo") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => res.writeHead(201, { "content-type": "text/plain" }).end(`${req.method} ${Buffer.concat(chunks)}`));
      return;
    }
    if (url.pathname === "/private") {
      res.writeHead(200, { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" });
      return res.end(`private ${stats.requests[url.pathname]}`);
    }
    if (url.pathname === "/search") {
      // Like Next for a dynamic page with CDN-Cache-Control from next.config.ts: private for
      // browsers, shareable for the front; a prefetch or RSC request gets a different body.
      const internal = req.headers["x-middleware-prefetch"] || req.headers["purpose"] === "prefetch" || req.headers["next-action"] || url.searchParams.has("_rsc");
      res.writeHead(200, {
        "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
        "cdn-cache-control": "max-age=300",
        vary: "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding",
        "content-type": internal ? "application/json" : "text/html; charset=utf-8",
      });
      return res.end(internal ? "{}" : `<p>results for ${url.search}</p>`);
    }
    if (url.pathname === "/feed.xml" || url.pathname === "/tiny.xml") {
      // Like a route handler's answer under `next start`: never compressed (vercel/next.js#98007).
      const items = url.pathname === "/tiny.xml" ? 1 : 100;
      const xml = `<?xml version="1.0"?><rss><channel>${"<item><title>机关党建</title></item>".repeat(items)}</channel></rss>`;
      res.writeHead(200, { "cache-control": "s-maxage=300", "content-type": "application/rss+xml; charset=utf-8" });
      return res.end(xml);
    }
    if (url.pathname === "/runtime-unplaced") {
      // A page whose streamed boundary React renders on the client ($RX): only Next's runtime
      // can show it, so the front must pass it on whole.
      const html = `<html><head><script src="/_next/static/chunks/app.js" async=""></script></head><body><!--$!--><template id="B:0"></template><p>加载中</p><!--/$--><script>$RX=function(b){};$RX("B:0","","服务器渲染失败")</script><script>self.__next_f.push([1,"x"])</script></body></html>`;
      res.writeHead(200, { ...PAGE, "content-security-policy": contentSecurityPolicy({ dev: false }) });
      return res.end(html);
    }
    if (url.pathname === "/runtime" || url.pathname === "/private-runtime") {
      // A page as Next sends it: its chunks and its RSC payload around the content, gzipped when asked.
      const html = `<html><head><script src="/_next/static/chunks/app.js" async=""></script></head><body><p>${url.pathname} page</p><script>self.__next_f.push([1,"x"])</script></body></html>`;
      const gzip = /gzip/.test(String(req.headers["accept-encoding"] ?? ""));
      const kept = url.pathname === "/runtime" ? PAGE : { "cache-control": "private, no-store", "content-type": "text/html; charset=utf-8" };
      // The policy proxy.ts gives a public page (its scripts need 'unsafe-inline').
      const policy = contentSecurityPolicy({ dev: false });
      res.writeHead(200, { ...kept, "content-security-policy": policy, ...(gzip ? { "content-encoding": "gzip" } : {}) });
      return res.end(gzip ? zlib.gzipSync(html) : html);
    }
    const edition = await readEdition();
    const holdBody = req.headers["x-hold-body"];
    if (typeof holdBody === "string") {
      // Headers at once, the rest of the page once released (Next streams a page that way).
      res.writeHead(200, { ...PAGE, xkey: xkeyHeader(tagsForPath(url.pathname)) });
      res.write(`<p>${url.pathname} edition ${edition}`);
      stats.held++;
      await new Promise<void>((resolve) => held.set(holdBody, [...(held.get(holdBody) ?? []), resolve]));
      stats.held--;
      return res.end(` render ${stats.requests[url.pathname]}</p>`);
    }
    const hold = req.headers["x-hold"];
    if (typeof hold === "string") {
      stats.held++;
      await new Promise<void>((resolve) => held.set(hold, [...(held.get(hold) ?? []), resolve]));
      stats.held--;
    }
    const delay = Number(req.headers["x-delay"] ?? 0);
    setTimeout(() => {
      res.writeHead(200, { ...PAGE, etag: `"e${edition}"`, xkey: xkeyHeader(tagsForPath(url.pathname)) });
      res.end(`<p>${url.pathname} edition ${edition} render ${stats.requests[url.pathname]}</p>`);
    }, delay);
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
