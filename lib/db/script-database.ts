// How a command-line script (audit:verify, bench) reaches the database: DATABASE_URL when set;
// else the embedded PostgreSQL in .data/postgres — the one `npm run dev` is running, if it is
// (its postmaster.pid names the port), or started here for the script's duration.
import fs from "node:fs";
import path from "node:path";
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres } from "./embedded-postgres";
import { assertDatabaseReachable } from "./reachable";

export interface ScriptDatabase {
  url: string;
  /** Where it came from, for the script's first line */
  source: "DATABASE_URL" | "running embedded PostgreSQL" | "embedded PostgreSQL started for this script";
  close(): Promise<void>;
}

/** Port of a live PostgreSQL on this data directory, read from postmaster.pid (line 4). */
export function runningEmbeddedPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isFinite(pid) || pid <= 0 || !Number.isFinite(port)) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but another user's (the `postgres` system user when run as root).
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return port;
}

export async function openScriptDatabase(options: { dataDir?: string; database?: string } = {}): Promise<ScriptDatabase> {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    await assertDatabaseReachable(fromEnv);
    return { url: fromEnv, source: "DATABASE_URL", close: async () => {} };
  }
  const dataDir = options.dataDir ?? path.join(process.cwd(), ".data", "postgres");
  const database = options.database ?? "cms";
  const port = runningEmbeddedPort(dataDir);
  if (port !== null) {
    const url = `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
    await assertDatabaseReachable(url);
    return { url, source: "running embedded PostgreSQL", close: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  await embedded.createDatabase(database);
  return { url: embedded.urlFor(database), source: "embedded PostgreSQL started for this script", close: () => embedded.stop() };
}
