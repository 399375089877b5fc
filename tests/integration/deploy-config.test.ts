// The production shape's configuration files (deploy/), run by the programs that will run them in
// docker-compose.yml (Debian bookworm's varnish, varnish-modules, nginx and pgbouncer):
// - every varnishtest case in deploy/varnish/tests, and the production default.vcl compiled;
// - nginx -t on deploy/nginx/nginx.conf with a throwaway self-signed certificate;
// - PgBouncer with deploy/pgbouncer/pgbouncer.ini (addresses, ports and files replaced) in front
//   of the test PostgreSQL: Prisma queries and an interactive transaction work through it in
//   transaction mode, and LISTEN through it hears nothing, which is why the change listener
//   connects directly.
// Without these programs the tests are skipped loudly; under CI=true that is a failure.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, type Db } from "@/lib/db/client";
import { freshDatabase } from "../support/test-database";
import { DEPLOY, findProgram, freeLoopbackPorts, startPgBouncer, stopProgram, tempDir, waitFor, xkeyInstalled } from "../support/deploy-programs";

const run = promisify(execFile);
const CI = process.env.CI === "true";

const programs = {
  varnishtest: findProgram("varnishtest"),
  varnishd: findProgram("varnishd"),
  nginx: findProgram("nginx"),
  openssl: findProgram("openssl"),
  pgbouncer: findProgram("pgbouncer"),
};
const missing = Object.entries(programs)
  .filter(([, found]) => !found)
  .map(([name]) => name);
if (!xkeyInstalled()) missing.push("varnish-modules (vmod xkey)");

const MISSING_MESSAGE = `
################################################################################
#  部署配置测试需要 varnish、varnish-modules、nginx、pgbouncer，本机缺少：
#  The deployment configuration tests need programs this machine lacks:
#    ${missing.join(", ")}
#  Debian: sudo apt-get install -y varnish varnish-modules nginx pgbouncer
################################################################################
`;
if (missing.length > 0) {
  if (CI) throw new Error(MISSING_MESSAGE + "\nCI=true: missing programs fail the run.");
  console.error(MISSING_MESSAGE + "\n部署配置测试已跳过 / deployment configuration tests are SKIPPED.\n");
}
const ready = missing.length === 0;

describe.skipIf(!ready)("Varnish (deploy/varnish)", () => {
  const cases = fs
    .readdirSync(path.join(DEPLOY, "varnish/tests"))
    .filter((name) => name.endsWith(".vtc"))
    .sort();

  it("has varnishtest cases for every rule the issue names", () => {
    expect(cases).toEqual(
      expect.arrayContaining(["cache.vtc", "pass.vtc", "cookies.vtc", "cdn-cache-control.vtc", "purge.vtc", "purge-acl.vtc", "vary.vtc", "purge-both-copies.vtc"]),
    );
  });

  it.each(cases)("varnishtest %s passes", async (name) => {
    const file = path.join(DEPLOY, "varnish/tests", name);
    // A passing case prints one line; a failing one its whole log, which the assertion shows.
    const result = await run(programs.varnishtest!, [file], { maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string; code?: number }) => error,
    );
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    expect(output, output).toMatch(/TEST .* passed/);
    expect(output, output).not.toMatch(/FAILED/);
  });

  it("compiles the production default.vcl (backend, probe, included rules)", async () => {
    const work = tempDir("cms-varnishd-");
    try {
      const { stdout, stderr } = await run(
        programs.varnishd!,
        ["-C", "-f", path.join(DEPLOY, "varnish/default.vcl"), "-n", path.join(work, "n")],
        { maxBuffer: 64 * 1024 * 1024 },
      );
      // -C prints the generated C; the probe's URL shows the production VCL was the one read.
      expect(`${stdout}${stderr}`).toContain("/api/health");
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!ready)("nginx (deploy/nginx)", () => {
  it("accepts nginx.conf with a certificate in place (nginx -t)", async () => {
    // nginx reads relative paths from the configuration's folder: lay it out as in the
    // container, with Debian's mime.types and a self-signed certificate made for the test.
    const dir = tempDir("cms-nginx-");
    try {
      fs.cpSync(path.join(DEPLOY, "nginx"), dir, { recursive: true });
      fs.copyFileSync("/etc/nginx/mime.types", path.join(dir, "mime.types"));
      fs.mkdirSync(path.join(dir, "tls"), { recursive: true });
      await run(programs.openssl!, [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-keyout", path.join(dir, "tls/privkey.pem"), "-out", path.join(dir, "tls/fullchain.pem"),
      ]);
      // Output to a file, as in a container: /dev/stdout (the access log) cannot be opened on
      // the socket Node would give it.
      const logPath = path.join(dir, "nginx-t.log");
      const log = fs.openSync(logPath, "w");
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(programs.nginx!, ["-t", "-e", "stderr", "-p", `${dir}/`, "-c", path.join(dir, "nginx.conf")], {
          stdio: ["ignore", log, log],
        });
        child.once("error", reject);
        child.once("exit", resolve);
      });
      fs.closeSync(log);
      const output = fs.readFileSync(logPath, "utf8");
      expect(code, output).toBe(0);
      expect(output, output).toContain("syntax is ok");
      expect(output, output).toContain("test is successful");
      // No warnings either (a duplicated or overridden directive is a mistake in waiting).
      expect(output, output).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps the rules the issue asks for", () => {
    const conf = fs.readFileSync(path.join(DEPLOY, "nginx/nginx.conf"), "utf8");
    const toApps = fs.readFileSync(path.join(DEPLOY, "nginx/cms/to-apps.conf"), "utf8");
    expect(conf).toMatch(/return 301 https:\/\/\$host\$request_uri/);
    expect(conf).toMatch(/server \S+:3000 max_fails=\d+ fail_timeout=\d+s;[\s\S]*server \S+:3000 max_fails=\d+ fail_timeout=\d+s;/);
    expect(conf).toMatch(/proxy_next_upstream error timeout http_502 http_503;/);
    const directives = `${conf}\n${toApps}`.replace(/#.*$/gm, "");
    expect(directives).not.toContain("non_idempotent");
    expect(conf).toContain("client_max_body_size 25m;");
    expect(conf).toMatch(/location \/_next\/static\/ \{[^}]*immutable/);
  });
});

describe.skipIf(!ready)("PgBouncer (deploy/pgbouncer) in transaction mode", () => {
  let directUrl: string;
  let pooledUrl: string;
  let bouncer: ChildProcess;
  let dir: string;
  let pooled: Db;

  beforeAll(async () => {
    ({ url: directUrl } = await freshDatabase());
    dir = tempDir("cms-pgbouncer-");
    const [port] = await freeLoopbackPorts(1);
    const started = await startPgBouncer(dir, directUrl, port!);
    bouncer = started.child;
    pooledUrl = started.url;
    pooled = createPrismaClient(pooledUrl, { max: 10 });
  });

  afterAll(async () => {
    await pooled?.$disconnect();
    if (bouncer) await stopProgram(bouncer);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("answers the app's Prisma queries, many at once over its few server connections", async () => {
    const [committees] = await Promise.all([pooled.committee.count(), pooled.report.count()]);
    expect(committees).toBeGreaterThanOrEqual(0);
    // More concurrent queries than connections, so statements meet different server
    // connections: a named prepared statement would fail here under PgBouncer 1.18.
    const counts = await Promise.all(Array.from({ length: 40 }, (_, i) => pooled.user.count({ where: { username: `u${i}` } })));
    expect(counts.every((n) => n === 0)).toBe(true);
    const rows = await pooled.$queryRaw<{ via: string }[]>`SELECT current_setting('application_name') AS via`;
    expect(rows).toHaveLength(1);
  });

  it("keeps an interactive transaction on one server connection, and rolls it back whole", async () => {
    await pooled.$executeRawUnsafe("CREATE TABLE deploy_probe (id int)");
    const seen = await pooled.$transaction(async (tx) => {
      const [first] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      await tx.$executeRaw`SET LOCAL application_name = 'deploy-probe'`;
      await tx.$executeRaw`INSERT INTO deploy_probe VALUES (1)`;
      const [second] = await tx.$queryRaw<{ pid: number; name: string; n: number }[]>`
        SELECT pg_backend_pid() AS pid, current_setting('application_name') AS name, (SELECT count(*)::int FROM deploy_probe) AS n`;
      return { first: first!.pid, second: second! };
    });
    expect(seen.second.pid).toBe(seen.first);
    expect(seen.second.name).toBe("deploy-probe");
    expect(seen.second.n).toBe(1);

    await expect(
      pooled.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO deploy_probe VALUES (2)`;
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    const after = await pooled.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM deploy_probe`;
    expect(after).toEqual([{ n: 1 }]);
  });

  it("does not deliver NOTIFY to a LISTEN made through it; a direct connection hears it", async () => {
    const channel = "cms_public_changes";
    const throughBouncer = new pg.Client({ connectionString: pooledUrl });
    const directly = new pg.Client({ connectionString: directUrl });
    const viaBouncer: string[] = [];
    const viaDirect: string[] = [];
    throughBouncer.on("notification", (message) => viaBouncer.push(message.payload ?? ""));
    directly.on("notification", (message) => viaDirect.push(message.payload ?? ""));
    await throughBouncer.connect();
    await directly.connect();
    try {
      await throughBouncer.query(`LISTEN ${channel}`);
      await directly.query(`LISTEN ${channel}`);
      // Announced the way the app does (lib/public/changes.ts), in a committed transaction.
      for (const reportId of ["r1", "r2"]) {
        await pooled.$transaction(async (tx) => {
          await tx.$executeRaw`SELECT pg_notify(${channel}, ${reportId})`;
        });
        await waitFor(() => viaDirect.includes(reportId), "direct LISTEN receives the notification");
        // Round trips through PgBouncer would carry a notification it had passed on.
        await throughBouncer.query("SELECT 1");
        await throughBouncer.query("SELECT 1");
      }
      expect(viaDirect).toEqual(["r1", "r2"]);
      expect(viaBouncer).toEqual([]);
    } finally {
      await throughBouncer.end().catch(() => {});
      await directly.end().catch(() => {});
    }
  });
});
