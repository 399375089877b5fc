// The shipped nginx and Varnish configuration end to end, on loopback: nginx (TLS edge) →
// Varnish → nginx (load balancer) → two stand-in app instances, each a small HTTP server that
// answers as the app's pages would and records what reaches it. Only what docker-compose.yml
// fixes is replaced in copies of the files: listening ports and the services' addresses.
// Real app instances behind this chain (a cluster test) are not part of this file.
// Without nginx, Varnish or varnish-modules the tests are skipped loudly; under CI=true that is
// a failure (the message comes from deploy-config.test.ts, which checks the same programs).
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const DEPLOY = path.resolve("deploy");

function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin", "/sbin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}
const nginxBin = findProgram("nginx");
const varnishd = findProgram("varnishd");
const openssl = findProgram("openssl");
const xkeyInstalled = ["x86_64", "aarch64"].some((arch) =>
  fs.existsSync(`/usr/lib/${arch}-linux-gnu/varnish/vmods/libvmod_xkey.so`),
);
const ready = Boolean(nginxBin && varnishd && openssl && xkeyInstalled);
if (!ready) {
  const message = "deploy-chain: nginx, varnishd, openssl or varnish-modules missing";
  if (process.env.CI === "true") throw new Error(`${message}; CI=true: missing programs fail the run.`);
  console.error(`\n#### ${message}: the end-to-end chain tests are SKIPPED ####\n`);
}

/** `count` distinct free TCP ports on the loopback address (held together while chosen). */
async function freeLoopbackPorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen({ port: 0, host: "127.0.0.1" }, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function waitFor(condition: () => Promise<boolean> | boolean, what: string, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Replaces `from` with `to`, insisting that `from` is there (the shipped file changed otherwise). */
function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`expected "${from}" in the shipped configuration`);
  return text.split(from).join(to);
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

  /** Starts a server in the foreground, its output in <name>.log: a file, as in a container
   * (/dev/stdout, nginx's access log, cannot be opened on the socket Node would give it). */
  function startProgram(command: string, args: string[], name: string): ChildProcess {
    const log = fs.openSync(path.join(dir, `${name}.log`), "a");
    const child = spawn(command, args, { stdio: ["ignore", log, log] });
    fs.closeSync(log);
    children.push(child);
    return child;
  }

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
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-chain-"));
    fs.chmodSync(dir, 0o755);
    const keys = Object.keys(ports) as (keyof typeof ports)[];
    const chosen = await freeLoopbackPorts(keys.length);
    keys.forEach((key, i) => (ports[key] = chosen[i]!));

    app1 = standInApp("app1", ports.app1);
    app2 = standInApp("app2", ports.app2);
    await app1.start();
    await app2.start();

    // nginx, as in the container but on loopback ports.
    fs.cpSync(path.join(DEPLOY, "nginx"), dir, { recursive: true });
    fs.copyFileSync("/etc/nginx/mime.types", path.join(dir, "mime.types"));
    await run(openssl!, [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
      "-keyout", path.join(dir, "tls/privkey.pem"), "-out", path.join(dir, "tls/fullchain.pem"),
    ]);
    cert = fs.readFileSync(path.join(dir, "tls/fullchain.pem"));
    let conf = fs.readFileSync(path.join(DEPLOY, "nginx/nginx.conf"), "utf8");
    conf = swap(conf, "listen 80 default_server;", `listen 127.0.0.1:${ports.http} default_server;`);
    conf = swap(conf, "listen 443 ssl http2 default_server;", `listen 127.0.0.1:${ports.https} ssl http2 default_server;`);
    conf = swap(conf, "listen 8080;", `listen 127.0.0.1:${ports.inner};`);
    conf = swap(conf, "server 172.30.53.20:80;", `server 127.0.0.1:${ports.varnish};`);
    conf = swap(conf, "server 172.30.55.11:3000 ", `server 127.0.0.1:${ports.app1} `);
    conf = swap(conf, "server 172.30.55.12:3000 ", `server 127.0.0.1:${ports.app2} `);
    fs.writeFileSync(path.join(dir, "nginx.conf"), conf);

    // Varnish, with its backend at the inner nginx.
    fs.mkdirSync(path.join(dir, "varnish"));
    fs.copyFileSync(path.join(DEPLOY, "varnish/cms.vcl"), path.join(dir, "varnish/cms.vcl"));
    let vcl = fs.readFileSync(path.join(DEPLOY, "varnish/default.vcl"), "utf8");
    vcl = swap(vcl, '.host = "172.30.53.10";', '.host = "127.0.0.1";');
    vcl = swap(vcl, '.port = "8080";', `.port = "${ports.inner}";`);
    fs.writeFileSync(path.join(dir, "varnish/default.vcl"), vcl);
    fs.chmodSync(path.join(dir, "varnish"), 0o755);

    startProgram(nginxBin!, ["-e", "stderr", "-p", `${dir}/`, "-c", path.join(dir, "nginx.conf"),
      "-g", `daemon off; pid ${path.join(dir, "nginx.pid")};`], "nginx");
    startProgram(varnishd!, ["-F", "-f", path.join(dir, "varnish/default.vcl"), "-a", `127.0.0.1:${ports.varnish}`,
      "-T", "127.0.0.1:0", "-n", path.join(dir, "varnish/work"), "-s", "malloc,64m"], "varnish");

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
    for (const child of children) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
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
