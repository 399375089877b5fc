// The production shape of docker-compose.yml on loopback, started by a test or a benchmark all
// by itself: an embedded PostgreSQL (a fresh database, migrated, the demo data), PgBouncer in
// transaction mode for the app's queries, a streaming replica of it (a real hot standby,
// tests/support/streaming-replica.ts) that the public pages read, two real app instances (scripts/front.ts, the Docker
// image's entry point: the front server and its page cache before `next start` on a production
// build) whose change listeners connect to PostgreSQL directly, Varnish with the shipped VCL
// and nginx with the shipped configuration in front. Only ports, addresses and paths differ
// from production (tests/support/deploy-programs.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { applyMigrations } from "../../lib/db/migrate";
import { createPrismaClient } from "../../lib/db/client";
import { seedDemoData } from "../../prisma/seed";
import { createDatabase, startTestPostgres, type TestPostgres } from "./postgres";
import { startStreamingReplica, type StreamingReplica } from "./streaming-replica";
import { findChromium } from "./chromium";
import {
  findProgram, freeLoopbackPorts, layOutNginx, startNginx, startPgBouncer, startVarnish, stopProgram, tempDir, waitFor, xkeyInstalled,
} from "./deploy-programs";

/** What the cluster needs that may be missing on a machine (Debian packages; Chromium for the build). */
export function missingClusterPrograms(options: { chromium: boolean }): string[] {
  const missing = ["nginx", "varnishd", "pgbouncer", "openssl"].filter((name) => !findProgram(name));
  if (!xkeyInstalled()) missing.push("varnish-modules (vmod xkey)");
  if (options.chromium && !findChromium()) missing.push("chromium");
  return missing;
}

export function missingProgramsMessage(missing: string[]): string {
  return `
################################################################################
#  集群测试需要以下程序，本机缺少 / the cluster test needs programs this machine lacks:
#    ${missing.join(", ")}
#  Debian: sudo apt-get install -y nginx varnish varnish-modules pgbouncer chromium
################################################################################
`;
}

/** The public pages that show a published report of `committee` in 栏目 `column`. */
export function publicPathsOf(reportId: string, committee: string, column: string) {
  return {
    report: `/reports/${reportId}`,
    committee: `/committees/${committee}`,
    column: `/columns/${encodeURIComponent(column)}`,
    home: "/",
    feed: "/feed.xml",
    committeeFeed: `/committees/${committee}/feed.xml`,
    // The first sitemap file of reports (the demo data and the tests' own fit in it).
    sitemap: "/sitemap/1.xml",
  };
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface AppInstance {
  name: string;
  /** The instance's own front server, bypassing nginx and Varnish. */
  url: string;
  port: number;
  process: ChildProcess;
  /** Sends `signal` and waits until the instance's process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the instance again on its port (stopping it first if it runs) and waits until it is healthy. */
  restart(): Promise<void>;
}

export interface Cluster {
  dir: string;
  distDir: string;
  /** PostgreSQL directly (migrations, the listeners, the test's own arrangements). */
  directUrl: string;
  /** Through PgBouncer: the app's DATABASE_URL. */
  pooledUrl: string;
  /** The hot standby the instances' public reads go to (their DATABASE_REPLICA_URL). */
  replica: StreamingReplica;
  replicaUrl: string;
  /** The public URL readers use (https://localhost:<port>, nginx's TLS edge). */
  publicUrl: string;
  instances: [AppInstance, AppInstance];
  /** One request to the edge over TLS (trusting the throwaway certificate), Host: localhost. */
  request(method: string, pathname: string, headers?: Record<string, string>): Promise<Answer>;
  /** One request straight to Varnish (as the listeners send their purges). */
  varnish(method: string, pathname: string, headers?: Record<string, string>): Promise<Answer>;
  /** nginx's, Varnish's, PgBouncer's and the instances' output, for a failure message. */
  logs(): string;
  /** nginx's access log lines. */
  accessLog(): string[];
  stop(): Promise<void>;
}

const NEXTAUTH_SECRET = "cluster-test-secret-not-for-production";

function send(
  module: typeof http | typeof https,
  options: http.RequestOptions & { ca?: Buffer; servername?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = module.request(options, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.once("error", reject);
    req.end();
  });
}

export async function startCluster(options: { distDir: string; log?: (line: string) => void }): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const dir = tempDir("cms-cluster-");
  const children: ChildProcess[] = [];
  let postgres: TestPostgres | undefined;
  let replica: StreamingReplica | undefined;
  let bouncerLog = () => "";
  const instances: AppInstance[] = [];
  const logs = () =>
    [
      ...["nginx.log", "varnish.log", "app-A.log", "app-B.log"]
        .filter((name) => fs.existsSync(path.join(dir, name)))
        .map((name) => `[${name}]\n${fs.readFileSync(path.join(dir, name), "utf8").slice(-6000)}`),
      `[pgbouncer]\n${bouncerLog().slice(-3000)}`,
    ].join("\n");

  const stop = async () => {
    for (const instance of instances) await instance.stop("SIGTERM");
    for (const child of children) await stopProgram(child);
    await replica?.stop();
    await postgres?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    const [http_, https_, inner, varnish, appA, appB, bouncer, standby] = await freeLoopbackPorts(8);
    const ports = { http: http_!, https: https_!, inner: inner!, varnish: varnish!, apps: [appA!, appB!] as [number, number] };

    let started = Date.now();
    postgres = await startTestPostgres();
    const directUrl = await createDatabase(postgres.adminUrl, "cms_cluster");
    await applyMigrations(directUrl);
    const db = createPrismaClient(directUrl, { max: 2 });
    await seedDemoData(db);
    await db.$disconnect();
    log(`PostgreSQL, migrations and demo data: ${Date.now() - started} ms`);

    started = Date.now();
    replica = await startStreamingReplica({ primaryUrl: postgres.adminUrl, dataDir: path.join(dir, "replica"), port: standby! });
    const replicaUrl = replica.url("cms_cluster");
    log(`streaming replica up: ${Date.now() - started} ms`);

    const pgbouncer = await startPgBouncer(dir, directUrl, bouncer!);
    children.push(pgbouncer.child);
    bouncerLog = pgbouncer.log;

    const cert = await layOutNginx(dir, ports);
    children.push(startVarnish(dir, ports), startNginx(dir));
    const publicUrl = `https://localhost:${ports.https}`;

    // Two instances of the image's entry point, configured as docker-compose.yml configures them.
    started = Date.now();
    const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const mediaDir = path.join(dir, "media");
    fs.mkdirSync(mediaDir);
    const spawnInstance = (name: string, port: number): ChildProcess => {
      const out = fs.openSync(path.join(dir, `app-${name}.log`), "a");
      // One process per instance, as in the image (tsx's CLI would put a process of its own in
      // between, which a SIGKILL would hit instead of the front).
      const child = spawn(process.execPath, ["--import", tsxLoader, path.resolve("scripts/front.ts")], {
        env: {
          ...process.env,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          // Relative to the project, as next.config.ts expects it.
          NEXT_DIST_DIR: path.relative(process.cwd(), options.distDir),
          PORT: String(port),
          HOSTNAME: "127.0.0.1",
          DATABASE_URL: pgbouncer.url,
          DIRECT_DATABASE_URL: directUrl,
          // Straight to the standby, as docker-compose.yml sets it (no PgBouncer in between).
          // Named per instance, so the replica's pg_stat_activity shows whose reads it answers.
          DATABASE_REPLICA_URL: withApplicationName(replicaUrl, `cms-${name}`),
          DATABASE_REPLICA_MAX_WAIT_MS: "500",
          VARNISH_PURGE_URL: `http://127.0.0.1:${ports.varnish}/`,
          NEXTAUTH_SECRET,
          NEXTAUTH_URL: publicUrl,
          MEDIA_DIR: mediaDir,
          SCHEDULER_INTERVAL_MS: "0",
        },
        stdio: ["ignore", out, out],
      });
      fs.closeSync(out);
      return child;
    };
    const healthy = (instance: AppInstance) =>
      waitFor(async () => {
        if (instance.process.exitCode !== null) throw new Error(`instance ${instance.name} exited early:\n${logs()}`);
        return await fetch(`${instance.url}/api/health`).then((res) => res.ok).catch(() => false);
      }, `instance ${instance.name} answers /api/health`, 120_000);
    const startInstance = (name: string, port: number): AppInstance => {
      const instance: AppInstance = {
        name,
        port,
        url: `http://127.0.0.1:${port}`,
        process: spawnInstance(name, port),
        stop: (signal = "SIGTERM") => stopProgram(instance.process, signal),
        async restart() {
          await instance.stop();
          instance.process = spawnInstance(name, port);
          await healthy(instance);
        },
      };
      return instance;
    };
    instances.push(startInstance("A", ports.apps[0]), startInstance("B", ports.apps[1]));

    const agent = new https.Agent({ keepAlive: true, maxSockets: 64, ca: cert, servername: "localhost" });
    const request = (method: string, pathname: string, headers: Record<string, string> = {}) =>
      send(https, { host: "127.0.0.1", port: ports.https, method, path: pathname, agent, headers: { host: "localhost", ...headers } });

    for (const instance of instances) await healthy(instance);
    await waitFor(async () => {
      for (const child of children) if (child.exitCode !== null) throw new Error(`a server of the cluster exited early:\n${logs()}`);
      return (await request("GET", "/api/health").then((res) => res.status === 200).catch(() => false));
    }, "the edge answers /api/health", 60_000);
    log(`two app instances, Varnish and nginx up: ${Date.now() - started} ms`);

    return {
      dir,
      distDir: options.distDir,
      directUrl,
      pooledUrl: pgbouncer.url,
      replica,
      replicaUrl,
      publicUrl,
      instances: instances as [AppInstance, AppInstance],
      request,
      varnish: (method, pathname, headers = {}) =>
        send(http, { host: "127.0.0.1", port: ports.varnish, method, path: pathname, agent: false, headers }),
      logs,
      accessLog: () => fs.readFileSync(path.join(dir, "nginx.log"), "utf8").split("\n"),
      async stop() {
        agent.destroy();
        await stop();
      },
    };
  } catch (error) {
    const output = logs();
    await stop().catch(() => {});
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output}`, { cause: error });
  }
}

function withApplicationName(url: string, name: string): string {
  const named = new URL(url);
  named.searchParams.set("application_name", name);
  return named.toString();
}
