// An online base backup of the running embedded cluster through PostgreSQL's low-level
// backup API (https://www.postgresql.org/docs/18/continuous-archiving.html#BACKUP-LOWLEVEL-BASE-BACKUP),
// the same steps pg_basebackup takes over the replication protocol, which the embedded
// package cannot run because it ships no client binaries:
//
//   1. on one connection, a temporary physical replication slot reserves the WAL from now on,
//      so no checkpoint recycles a segment the copy will need (pg_basebackup does the same);
//   2. pg_backup_start(label, fast) forces a checkpoint and marks where replay must begin;
//   3. every file of the data directory is copied while the site keeps writing — the copy is
//      inconsistent, which the WAL repairs — leaving out what pg_basebackup leaves out;
//   4. pg_backup_stop() ends the backup and returns the backup_label to put into the copy;
//   5. the WAL segments from the start to the stop location are added as pg_wal/.
//
// Started on the copy, PostgreSQL sees backup_label, replays that WAL from the checkpoint
// it names and refuses to open unless it reached the end of the backup, so a copy that
// starts is a consistent copy. The same steps make a streaming replica for the tests
// (tests/support/streaming-replica.ts), written into a folder instead of an archive.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { ArchiveWriter } from "./archive";

/** Folders whose contents are runtime state, rebuilt at start (as in pg_basebackup). */
const EXCLUDED_CONTENTS = new Set([
  "pg_wal",
  "pg_stat_tmp",
  "pg_replslot",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_subtrans",
]);
/** Files that must not travel with a copy (or are written from pg_backup_stop's answer). */
const EXCLUDED_FILES = new Set([
  "postmaster.pid",
  "postmaster.opts",
  "backup_label",
  "backup_label.old",
  "tablespace_map",
  "backup_manifest",
  "current_logfiles",
  "pg_internal.init",
]);

/** Where the copy goes: the backup archive, or a plain folder. */
export type BaseBackupSink = Pick<ArchiveWriter, "addDirectory" | "addFile" | "addBuffer">;

export interface BaseBackupResult {
  serverVersion: string;
  major: number;
  systemIdentifier: string;
  timeline: number;
  startLsn: string;
  stopLsn: string;
  walSegments: string[];
  databases: string[];
}

export async function writeBaseBackup(options: {
  connectionString: string;
  dataDir: string;
  archive: BaseBackupSink;
  /** Folder name inside the archive */
  prefix: string;
  label: string;
}): Promise<BaseBackupResult> {
  const { archive, prefix, dataDir } = options;
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  let started = false;
  try {
    const info = await client.query<{ version: string; num: string; dir: string; segsize: string; sysid: string }>(
      `SELECT version() AS version, current_setting('server_version_num') AS num,
              current_setting('data_directory') AS dir, (SELECT setting FROM pg_settings WHERE name = 'wal_segment_size') AS segsize,
              (SELECT system_identifier::text FROM pg_control_system()) AS sysid`,
    );
    const row = info.rows[0]!;
    if (path.resolve(row.dir) !== path.resolve(dataDir)) {
      throw new Error(
        `端口上运行的 PostgreSQL 使用的数据目录是 ${row.dir}，不是 ${dataDir}。\n` +
          `The PostgreSQL on that port serves ${row.dir}, not ${dataDir}.`,
      );
    }
    const slot = `cms_backup_${process.pid}_${Date.now()}`;
    await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [slot]);
    await client.query("SELECT pg_backup_start($1, true)", [options.label]);
    started = true;

    await archive.addDirectory(prefix);
    await copyTree(archive, dataDir, prefix);
    // pg_control last, as pg_basebackup sends it: it then describes a state no older than
    // any data file in the copy.
    await archive.addFile(`${prefix}/global/pg_control`, path.join(dataDir, "global", "pg_control"));

    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      "SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)",
    );
    started = false;
    const { lsn: stopLsn, labelfile, spcmapfile } = stop.rows[0]!;
    if (spcmapfile && spcmapfile.trim() !== "") {
      // The embedded cluster never has tablespaces; their files live outside the data
      // directory and this copy would silently miss them.
      throw new Error("数据库使用了表空间，本备份命令不支持。\nThe cluster uses tablespaces, which this backup does not copy.");
    }
    await archive.addBuffer(`${prefix}/backup_label`, Buffer.from(labelfile));

    const startMatch = /^START WAL LOCATION: ([0-9A-F]+\/[0-9A-F]+) \(file ([0-9A-F]{24})\)$/m.exec(labelfile);
    const timelineMatch = /^START TIMELINE: (\d+)$/m.exec(labelfile);
    if (!startMatch || !timelineMatch) throw new Error(`unexpected backup_label:\n${labelfile}`);
    const endWal = await client.query<{ name: string }>("SELECT pg_walfile_name($1::pg_lsn) AS name", [stopLsn]);
    const walSegments = segmentRange(startMatch[2]!, endWal.rows[0]!.name, Number(row.segsize));
    const walDir = path.join(dataDir, "pg_wal");
    for (const name of fs.readdirSync(walDir).filter((n) => n.endsWith(".history")).sort()) {
      await archive.addFile(`${prefix}/pg_wal/${name}`, path.join(walDir, name));
    }
    for (const segment of walSegments) {
      // The slot has kept these since before pg_backup_start, so each must be there.
      if (!(await archive.addFile(`${prefix}/pg_wal/${segment}`, path.join(walDir, segment)))) {
        throw new Error(`WAL segment ${segment} disappeared during the backup`);
      }
    }

    const databases = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datallowconn ORDER BY datname",
    );
    await client.query("SELECT pg_drop_replication_slot($1)", [slot]);
    return {
      serverVersion: row.version,
      major: Math.floor(Number(row.num) / 10_000),
      systemIdentifier: row.sysid,
      timeline: Number(timelineMatch[1]),
      startLsn: startMatch[1]!,
      stopLsn,
      walSegments,
      databases: databases.rows.map((r) => r.datname),
    };
  } finally {
    // A failed copy must not leave the server in backup mode; the temporary slot goes with
    // the session.
    if (started) await client.query("SELECT pg_backup_stop(false)").catch(() => {});
    await client.end().catch(() => {});
  }
}

/** Adds the data directory, depth first, in a stable order, minus runtime state. */
async function copyTree(archive: BaseBackupSink, dir: string, prefix: string, relative = ""): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(dir, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // removed meanwhile
    throw error;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.name.startsWith("pgsql_tmp")) continue; // temporary files of running queries
    if (rel === "global/pg_control") continue; // added last
    if (entry.isDirectory()) {
      await archive.addDirectory(`${prefix}/${rel}`);
      // Keep the folder itself (PostgreSQL expects it) but not what it holds.
      if (relative === "" && EXCLUDED_CONTENTS.has(entry.name)) {
        if (entry.name === "pg_wal") {
          await archive.addDirectory(`${prefix}/pg_wal/archive_status`);
          await archive.addDirectory(`${prefix}/pg_wal/summaries`);
        }
        continue;
      }
      await copyTree(archive, dir, prefix, rel);
    } else if (entry.isFile()) {
      if (EXCLUDED_FILES.has(entry.name)) continue;
      await archive.addFile(`${prefix}/${rel}`, path.join(dir, rel));
    } else {
      // A symlink here would be a tablespace or a hand-made link; neither is ours to follow.
      throw new Error(`unexpected non-regular file in the data directory: ${rel}`);
    }
  }
}

/** WAL file names from `first` to `last` inclusive, on the same timeline. */
export function segmentRange(first: string, last: string, segmentSize: number): string[] {
  const timeline = first.slice(0, 8);
  if (last.slice(0, 8) !== timeline) throw new Error(`WAL timeline changed during the backup (${first} → ${last})`);
  const perLog = 0x1_0000_0000 / segmentSize;
  const segno = (name: string) => Number.parseInt(name.slice(8, 16), 16) * perLog + Number.parseInt(name.slice(16, 24), 16);
  if (!Number.isInteger(perLog) || perLog < 1) throw new Error(`unexpected WAL segment size ${segmentSize}`);
  const names: string[] = [];
  for (let n = segno(first); n <= segno(last); n++) {
    const log = Math.floor(n / perLog);
    const seg = n % perLog;
    names.push(timeline + log.toString(16).toUpperCase().padStart(8, "0") + seg.toString(16).toUpperCase().padStart(8, "0"));
  }
  if (names.length === 0) throw new Error(`no WAL between ${first} and ${last}`);
  return names;
}
