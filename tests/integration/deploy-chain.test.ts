// The shipped nginx and Varnish configuration end to end, on loopback: nginx (TLS edge) →
// Varnish → nginx (load balancer) → two stand-in app instances, each a small HTTP server that
// answers as the app's pages would and records what reaches it. Only what docker-compose.yml
// fixes is replaced in copies of the files: listening ports and the services' addresses.
// Real app instances behind this chain (a cluster test) are not part of this file.
// Without nginx, Varnish or varnish-modules the tests are skipped loudly; under CI=true that is
// a failure (the message comes from deploy-config.test.ts, which checks the same programs).
import { type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  findProgram, freeLoopbackPorts, layOutNginx, startNginx, startVarnish, stopProgram, tempDir, waitFor, xkeyInstalled,
} from "../support/deploy-programs";

const ready = Boolean(findProgram("nginx") && findProgram("varnishd") && findProgram("openssl") && xkeyInstalled());
if (!ready) {
  const message = "deploy-chain: nginx, varnishd, openssl or varnish-modules missing";
  if (process.env.CI === "true") throw new Error(`${message}; CI=true: missing programs fail the run.`);
  console.error(`\n#### ${message}: the end-to-end chain tests are SKIPPED ####\n`);
}

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** A stand-in app instance: answers like the app's pages would, and records every request. */
function standInApp(id: string, port: number) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    req.resume();
    const url = req.url ?? "/";
    res.setHeader("x-instance", id);
    if (url === "/api/health") {
      res.writeHead(200, { "cache-control": "no-store" }).end("ok");
    } else if (url.startsWith("/reports/")) {
      res.writeHead(200, { "cache-control": "s-maxage=300", xkey: `report:${url.split("/")[2]} home`, "content-type": "text/html" });
      res.end(`${url} from ${id}`);
    } else if (url.startsWith("/_next/static/")) {
      res.writeHead(200, { "cache-control": "public, max-age=31536000, immutable", "content-type": "text/javascript" }).end("js");
    } else if (url === "/flaky") {
      // app1 is failing (starting, or lost its database); app2 is fine.
      res.writeHead(id === "app1" ? 503 : 200, { "cache-control": "private, no-store" }).end(id);
    } else {
      res.writeHead(200, { "cache-control": "private, no-cache, no-store", "content-type": "application/json" });
      res.end(JSON.stringify({ id, headers: req.headers }));
    }
  });
  return {
    seen,
    start: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve())),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe.skipIf(!ready)("nginx → Varnish → nginx → app instances (deploy/)", () => {
  let dir: string;
  const ports = { http: 0, https: 0, inner: 0, varnish: 0, app1: 0, app2: 0 };
  const children: ChildProcess[] = [];
  let cert: Buffer;
  let app1: ReturnType<typeof standInApp>;
  let app2: ReturnType<typeof standInApp>;

  function serverLogs(): string {
    return ["nginx", "varnish"]
      .map((name) => `[${name}] ${fs.readFileSync(path.join(dir, `${name}.log`), "utf8")}`)
      .join("\n");
  }

  /** One HTTPS request to the edge, trusting only the test's certificate. */
  function request(
    method: string,
    pathname: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: "127.0.0.1", port: ports.https, servername: "localhost", ca: cert, method, path: pathname, agent: false,
          headers: { host: "localhost", ...headers } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        },
      );
      req.once("error", reject);
      req.end(body);
    });
  }

  beforeAll(async () => {
    dir = tempDir("cms-chain-");
    const keys = Object.keys(ports) as (keyof typeof ports)[];
    const chosen = await freeLoopbackPorts(keys.length);
    keys.forEach((key, i) => (ports[key] = chosen[i]!));

    app1 = standInApp("app1", ports.app1);
    app2 = standInApp("app2", ports.app2);
    await app1.start();
    await app2.start();

    cert = await layOutNginx(dir, { ...ports, apps: [ports.app1, ports.app2] });
    children.push(startNginx(dir), startVarnish(dir, ports));

    await waitFor(async () => {
      for (const child of children) if (child.exitCode !== null) throw new Error(`a server exited early:\n${serverLogs()}`);
      try {
        return (await request("GET", "/api/health")).status === 200;
      } catch {
        return false;
      }
    }, "the chain answers /api/health");
  }, 120_000);

  afterAll(async () => {
    for (const child of children) await stopProgram(child);
    await app1?.stop();
    await app2?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** nginx's access log lines (both of its servers) that mention `text`. */
  function accessLog(text: string): string[] {
    return fs
      .readFileSync(path.join(dir, "nginx.log"), "utf8")
      .split("\n")
      .filter((line) => line.includes(text));
  }

  it("redirects plain HTTP to HTTPS", async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port: ports.http, path: "/reports/r1?x=1", headers: { host: "localhost" }, agent: false }, resolve)
        .once("error", reject);
    });
    res.resume();
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("https://localhost/reports/r1?x=1");
  });

  it("caches a shared page in Varnish, without showing its tags, and keeps Cache-Control for browsers", async () => {
    const first = await request("GET", "/reports/r1");
    const second = await request("GET", "/reports/r1");
    expect(first.status).toBe(200);
    expect(first.headers.via).toContain("varnish");
    expect(first.headers["x-cache"]).toBe("MISS");
    expect(second.headers["x-cache"]).toBe("HIT");
    expect(second.body).toBe(first.body);
    expect(second.headers.xkey).toBeUndefined();
    expect(second.headers["cache-control"]).toBe("s-maxage=300");
    expect(second.headers["strict-transport-security"]).toBe("max-age=31536000");
    const reached = [...app1.seen, ...app2.seen].filter((r) => r.url === "/reports/r1");
    expect(reached).toHaveLength(1);
  });

  it("tells the app who the reader is and how they came, ignoring what the reader claims", async () => {
    const res = await request("GET", "/whoami", { "x-forwarded-for": "203.0.113.66", "x-forwarded-proto": "http" });
    const seen = JSON.parse(res.body) as { headers: Record<string, string> };
    expect(res.headers["x-cache"]).toBe("PASS");
    expect(seen.headers["x-forwarded-proto"]).toBe("https");
    expect(seen.headers["x-forwarded-host"]).toBe("localhost");
    expect(seen.headers.host).toBe("localhost");
    // The reader (127.0.0.1 here), then Varnish's and nginx's own hops; never the claimed address.
    expect(seen.headers["x-forwarded-for"]!.split(",")[0]!.trim()).toBe("127.0.0.1");
    expect(seen.headers["x-forwarded-for"]).not.toContain("203.0.113.66");
  });

  it("gives Next's hashed assets a year in browsers", async () => {
    const res = await request("GET", "/_next/static/chunks/main-abc123.js");
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["strict-transport-security"]).toBe("max-age=31536000");
  });

  it("refuses PURGE from outside, while the app's purge by tag evicts the page", async () => {
    await request("GET", "/reports/r2");
    expect((await request("PURGE", "/", { "xkey-purge": "report:r2" })).status).toBe(405);
    expect((await request("GET", "/reports/r2")).headers["x-cache"]).toBe("HIT");

    // The listener's purge goes to Varnish directly, from an allowed address.
    const purge = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http
        .request({ host: "127.0.0.1", port: ports.varnish, method: "PURGE", path: "/", headers: { "xkey-purge": "report:r2" }, agent: false }, resolve)
        .once("error", reject)
        .end();
    });
    purge.resume();
    expect(purge.statusCode).toBe(200);
    expect(purge.headers["xkey-purged"]).toBe("1");
    expect((await request("GET", "/reports/r2")).headers["x-cache"]).toBe("MISS");
    expect((await request("GET", "/reports/r1")).headers["x-cache"]).toBe("HIT");
  });

  it("retries a GET on the other instance when one answers 503, but never sends a POST twice", async () => {
    for (let i = 0; i < 6; i++) {
      const res = await request("GET", "/flaky");
      expect(res.status).toBe(200);
      expect(res.body).toBe("app2");
    }
    // The load balancer's log: app1 answered 503, the same request then went to app2.
    const retried = `upstream=127.0.0.1:${ports.app1}, 127.0.0.1:${ports.app2}/503, 200`;
    await waitFor(() => accessLog('"GET /flaky ').some((line) => line.includes(retried)), "a retried GET in the access log");

    const posts = () => [...app1.seen, ...app2.seen].filter((r) => r.method === "POST" && r.url === "/flaky").length;
    for (let i = 0; i < 6; i++) {
      const before = posts();
      const res = await request("POST", "/flaky", { "content-type": "text/plain" }, "submit");
      expect([200, 503]).toContain(res.status);
      // Exactly one instance saw this POST, whatever it answered.
      expect(posts() - before).toBe(1);
    }
  });

  it("keeps serving when an instance dies, trying the next one on a refused connection", async () => {
    // app1 rests after its 503s (max_fails, fail_timeout): wait until it gets requests again.
    let i = 0;
    await waitFor(
      async () => (JSON.parse((await request("GET", `/whoami?wait=${i++}`)).body) as { id: string }).id === "app1",
      "app1 back in rotation",
    );
    await app1.stop();
    for (let j = 0; j < 8; j++) {
      const res = await request("GET", `/whoami?dead=${j}`);
      expect(res.status).toBe(200);
      expect((JSON.parse(res.body) as { id: string }).id).toBe("app2");
    }
    const retried = `upstream=127.0.0.1:${ports.app1}, 127.0.0.1:${ports.app2}/502, 200`;
    await waitFor(() => accessLog("/whoami?dead=").some((line) => line.includes(retried)), "a retried GET in the access log");
  });
});
