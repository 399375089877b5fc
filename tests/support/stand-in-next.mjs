// A stand-in for the Next.js server behind the front (tests/integration/front-server.test.ts):
// it answers like Next does for a cached page, a private page, a slow page and the internal
// revalidation endpoint, and counts what reached it. Listens on PORT.
import http from "node:http";
import crypto from "node:crypto";

const token = crypto.createHash("sha256").update(`revalidate:${process.env.NEXTAUTH_SECRET ?? ""}`).digest("hex");
const stats = { requests: {}, revalidations: 0, rejectedRevalidations: 0, edition: 1 };
const PAGE = { "cache-control": "s-maxage=300, stale-while-revalidate=31535700", vary: "rsc, Accept-Encoding", "content-type": "text/html; charset=utf-8" };

http
  .createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    stats.requests[url.pathname] = (stats.requests[url.pathname] ?? 0) + 1;
    if (url.pathname === "/stats") return res.end(JSON.stringify(stats));
    if (url.pathname === "/api/internal/revalidate" && req.method === "POST") {
      if (req.headers["x-revalidate-token"] !== token) {
        stats.rejectedRevalidations++;
        res.writeHead(403).end();
        return;
      }
      stats.revalidations++;
      stats.edition++;
      res.writeHead(204).end();
      return;
    }
    if (url.pathname === "/echo") {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
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
    const delay = Number(req.headers["x-delay"] ?? 0);
    const edition = stats.edition;
    setTimeout(() => {
      res.writeHead(200, { ...PAGE, etag: `"e${edition}"` });
      res.end(`<p>${url.pathname} edition ${edition} render ${stats.requests[url.pathname]}</p>`);
    }, delay);
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
