// `npm run backup`: the embedded database and the stored media in one .tar.gz.
//
// The database is always copied with the online base backup (base-backup.ts): against the
// running site's server when there is one, otherwise against a server started here for the
// purpose on a free port and stopped afterwards. One way for both cases keeps the path the
// tests cover the path people use.
import fs from "node:fs";
import path from "node:path";
import { ArchiveWriter } from "./archive";
import { writeBaseBackup } from "./base-backup";
import { countRows, embeddedUrl, runningCluster } from "./cluster";
import { BACKUP_FORMAT, type BackupManifest } from "./manifest";
import { timestampForFileName, type BackupLocations } from "./locations";
import { clusterMajorVersion, startEmbeddedPostgres } from "../db/embedded-postgres";
import { findFreePort } from "../db/ports";

export const BACKUP_METHOD =
  "PostgreSQL low-level online base backup (pg_backup_start / pg_backup_stop) with the WAL from start to stop";

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export interface BackupResult {
  file: string;
  bytes: number;
  contentBytes: number;
  online: boolean;
  manifest: BackupManifest;
  milliseconds: number;
}

export async function createBackup(
  locations: BackupLocations,
  options: { log?: (line: string) => void; now?: Date } = {},
): Promise<BackupResult> {
  const log = options.log ?? (() => {});
  const began = performance.now();
  const { dataDir, mediaDir, backupsDir } = locations;
  if (clusterMajorVersion(dataDir) === null) {
    throw new BackupError(
      `${dataDir} 中没有数据库，无需备份（请先运行 npm run dev）。\n` +
        `There is no database in ${dataDir} to back up (run npm run dev first).`,
    );
  }
  const now = options.now ?? new Date();
  const stamp = timestampForFileName(now);
  let file = path.join(backupsDir, `cms-backup-${stamp}.tar.gz`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(backupsDir, `cms-backup-${stamp}-${n}.tar.gz`);

  let running = runningCluster(dataDir);
  const online = running !== null;
  let temporary: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!running) {
    log("the site is not running: starting the embedded PostgreSQL for the backup …");
    const port = await findFreePort();
    temporary = await startEmbeddedPostgres({ dataDir, port });
    running = { pid: 0, port };
  } else {
    log(`the site's PostgreSQL is running (port ${running.port}): backing up online …`);
  }

  const archive = new ArchiveWriter(file);
  try {
    const counts = await countRows(embeddedUrl(running.port, "cms"));
    const base = await writeBaseBackup({
      connectionString: embeddedUrl(running.port),
      dataDir,
      archive,
      prefix: "postgres",
      label: `cms-backup-${stamp}`,
    });
    const media = await addMedia(archive, mediaDir);
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      method: BACKUP_METHOD,
      postgres: {
        major: base.major,
        version: base.serverVersion,
        systemIdentifier: base.systemIdentifier,
        timeline: base.timeline,
        startLsn: base.startLsn,
        stopLsn: base.stopLsn,
        walSegments: base.walSegments,
        databases: base.databases,
      },
      media,
      counts,
      files: archive.files,
    };
    await archive.finish(manifest);
    return {
      file,
      bytes: fs.statSync(file).size,
      contentBytes: archive.contentBytes,
      online,
      manifest,
      milliseconds: performance.now() - began,
    };
  } catch (error) {
    await archive.abort();
    throw error;
  } finally {
    await temporary?.stop();
  }
}

/**
 * Copies the media folder when it exists. It is copied after the database, so a file
 * uploaded meanwhile may be in the archive without a row (harmless), and a file the copied
 * database refers to is missing only if it was deleted during the backup.
 */
async function addMedia(archive: ArchiveWriter, mediaDir: string): Promise<BackupManifest["media"]> {
  if (!fs.existsSync(mediaDir)) return { included: false, files: 0, bytes: 0 };
  const before = archive.files.length;
  await archive.addDirectory("media", fs.statSync(mediaDir).mode & 0o777);
  const walk = async (relative: string) => {
    const entries = fs.readdirSync(path.join(mediaDir, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await archive.addDirectory(`media/${rel}`, fs.statSync(path.join(mediaDir, rel)).mode & 0o777);
        await walk(rel);
      } else if (entry.isFile()) {
        await archive.addFile(`media/${rel}`, path.join(mediaDir, rel));
      } else {
        throw new BackupError(
          `媒体目录中有无法备份的特殊文件：${rel}\nThe media folder holds something that is not a file or folder: ${rel}`,
        );
      }
    }
  };
  await walk("");
  const added = archive.files.slice(before);
  return { included: true, files: added.length, bytes: added.reduce((sum, f) => sum + f.size, 0) };
}

export function describeSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
