// What the backup and restore commands need to know about the embedded cluster on disk:
// whether a server is running on it (and on which port), and which system user owns it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { EMBEDDED_PASSWORD, EMBEDDED_USER } from "../db/embedded-postgres";

export interface RunningCluster {
  pid: number;
  port: number;
}

/**
 * The server running on `dataDir`, read from its postmaster.pid (line 1 the pid, line 4 the
 * port), or null. A pid file left by a crash names a dead process and counts as not running.
 */
export function runningCluster(dataDir: string): RunningCluster | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let lines: string[];
  try {
    lines = fs.readFileSync(pidFile, "utf8").split("\n");
  } catch {
    return null;
  }
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isFinite(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but another user's process, which still means the directory is in use.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return { pid, port: Number.isFinite(port) ? port : 0 };
}

/** Connection string for the embedded cluster's maintenance database on `port`. */
export function embeddedUrl(port: number, database = "postgres"): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * The uid/gid PostgreSQL runs as. As root, embedded-postgres runs the server as the
 * `postgres` system user, so restored files must belong to it; otherwise we are that user.
 */
export function serverOwner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const lookUp = () => {
    const uid = Number.parseInt(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }), 10);
    const gid = Number.parseInt(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }), 10);
    return { uid, gid };
  };
  try {
    return lookUp();
  } catch {
    // Restoring onto a fresh machine: the embedded package creates this user only when it
    // initialises a new cluster, which a restore never does, so create it the same way.
    execFileSync("groupadd", ["postgres"], { stdio: "ignore" });
    execFileSync("useradd", ["-g", "postgres", "postgres"], { stdio: "ignore" });
    return lookUp();
  }
}

/** Tables whose row counts the commands print (and the manifest records, for the reader). */
export const COUNTED_TABLES = ["Committee", "User", "Report", "Revision", "WorkflowEvent", "ReviewComment", "Media"];

/** Row counts of COUNTED_TABLES in `connectionString`; {} when that database does not exist. */
export async function countRows(connectionString: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === "3D000") return {}; // no "cms" database yet
    throw error;
  }
  try {
    const counts: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [`public."${table}"`]);
      if (exists.rows[0]?.t == null) continue;
      const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`);
      counts[table] = Number(rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}
