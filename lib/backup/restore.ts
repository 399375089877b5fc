// `npm run restore -- <file>`: puts a backup made by `npm run backup` back in place of the
// embedded database (and the media folder, when the backup has one).
//
// Nothing current is touched until the restored copy has proved itself: the archive is
// extracted beside the data directory, every file is checked against the manifest, the
// copy is started on a spare port (PostgreSQL replays the backup's WAL and refuses to open
// an incomplete backup) and stopped cleanly. Only then is the current data directory renamed
// aside — never deleted — and the copy renamed into its place.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { CorruptArchiveError, extractArchive, type ExtractedArchive } from "./archive";
import { countRows, embeddedUrl, runningCluster, serverOwner } from "./cluster";
import { parseManifest, type BackupManifest } from "./manifest";
import { timestampForFileName, type BackupLocations } from "./locations";
import { bundledMajorVersion, clusterMajorVersion, startEmbeddedPostgres } from "../db/embedded-postgres";
import { findFreePort } from "../db/ports";

export class RestoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestoreError";
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Rows found in the restored database once it had replayed its WAL */
  counts: Record<string, number>;
  /** Where the data that was in place before now is (kept for the person to delete) */
  movedAside: string[];
  mediaRestored: boolean;
  milliseconds: number;
}

export async function restoreBackup(
  file: string,
  locations: BackupLocations,
  options: { log?: (line: string) => void } = {},
): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const began = performance.now();
  const { dataDir, mediaDir } = locations;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new RestoreError(`找不到备份文件 ${file}。\nThe backup file ${file} does not exist.`);
  }
  assertSiteStopped(dataDir);

  const stamp = timestampForFileName();
  const stagingData = `${dataDir}.restoring-${stamp}`;
  const stagingMedia = `${mediaDir}.restoring-${stamp}`;
  const removeStaging = () => {
    fs.rmSync(stagingData, { recursive: true, force: true });
    fs.rmSync(stagingMedia, { recursive: true, force: true });
  };

  try {
    log(`extracting ${path.basename(file)} beside the data directory …`);
    const extracted = await extractArchive(file, (name) => {
      if (name === "postgres" || name.startsWith("postgres/")) return path.join(stagingData, name.slice("postgres".length));
      if (name === "media" || name.startsWith("media/")) return path.join(stagingMedia, name.slice("media".length));
      return null;
    });
    const manifest = checkAgainstManifest(file, extracted);

    const bundled = bundledMajorVersion();
    if (manifest.postgres.major !== bundled) {
      throw new RestoreError(
        `该备份来自 PostgreSQL ${manifest.postgres.major}，而本项目内置的是 PostgreSQL ${bundled}，无法恢复，未做任何更改。\n` +
          `The backup was made by PostgreSQL ${manifest.postgres.major}; the bundled server is PostgreSQL ${bundled}. ` +
          `Nothing was changed. Restore it with a PostgreSQL ${manifest.postgres.major} server.`,
      );
    }
    if (clusterMajorVersion(stagingData) !== manifest.postgres.major) {
      throw new CorruptArchiveError(file, "PG_VERSION does not match the manifest");
    }
    handOverToServer(stagingData);

    log("starting the restored copy to replay its WAL and check it …");
    const counts = await checkRestoredCluster(stagingData);

    assertSiteStopped(dataDir); // the site may have been started while we were checking
    const movedAside: string[] = [];
    const swaps: [from: string, to: string][] = [];
    const swap = (from: string, to: string) => {
      fs.renameSync(from, to);
      swaps.push([from, to]);
    };
    try {
      if (fs.existsSync(dataDir)) {
        swap(dataDir, `${dataDir}.before-restore-${stamp}`);
        movedAside.push(`${dataDir}.before-restore-${stamp}`);
      }
      swap(stagingData, dataDir);
      if (manifest.media.included) {
        if (fs.existsSync(mediaDir)) {
          swap(mediaDir, `${mediaDir}.before-restore-${stamp}`);
          movedAside.push(`${mediaDir}.before-restore-${stamp}`);
        }
        swap(stagingMedia, mediaDir);
      }
    } catch (error) {
      // Put back what was moved, in reverse, so a failed swap leaves things as they were.
      for (const [from, to] of swaps.reverse()) fs.renameSync(to, from);
      throw error;
    }
    removeStaging();
    return { manifest, counts, movedAside, mediaRestored: manifest.media.included, milliseconds: performance.now() - began };
  } catch (error) {
    removeStaging();
    throw error;
  }
}

function assertSiteStopped(dataDir: string) {
  const running = runningCluster(dataDir);
  if (running) {
    throw new RestoreError(
      `网站正在运行（PostgreSQL 进程 ${running.pid} 正在使用 ${dataDir}），不能恢复。请先停止 npm run dev 或 npm start（按 Ctrl+C），再运行恢复命令。未做任何更改。\n` +
        `The site is running (PostgreSQL process ${running.pid} is using ${dataDir}), so it cannot be restored. ` +
        `Stop npm run dev or npm start (Ctrl+C) first, then run the restore again. Nothing was changed.`,
    );
  }
}

/** Every file the manifest lists is there with its size and SHA-256, and nothing else is. */
function checkAgainstManifest(file: string, extracted: ExtractedArchive): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = parseManifest(extracted.manifest);
  } catch (error) {
    throw new CorruptArchiveError(file, `manifest.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const listed = new Set<string>();
  for (const expected of manifest.files) {
    listed.add(expected.path);
    const found = extracted.files.get(expected.path);
    if (!found) throw new CorruptArchiveError(file, `${expected.path} is missing`);
    if (found.size !== expected.size || found.sha256 !== expected.sha256) {
      throw new CorruptArchiveError(file, `${expected.path} does not match its checksum`);
    }
  }
  for (const name of extracted.files.keys()) {
    if (!listed.has(name)) throw new CorruptArchiveError(file, `${name} is not in the manifest`);
  }
  return manifest;
}

/** PostgreSQL refuses a data directory others can read, and runs as `postgres` under root. */
function handOverToServer(dir: string) {
  fs.chmodSync(dir, 0o700);
  const owner = serverOwner();
  if (!owner) return;
  const walk = (p: string) => {
    fs.chownSync(p, owner.uid, owner.gid);
    if (fs.statSync(p).isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
}

/** Starts the copy (WAL replay happens here), reads the row counts, stops it cleanly. */
async function checkRestoredCluster(dataDir: string): Promise<Record<string, number>> {
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RestoreError(
      `恢复出的数据库无法启动，未做任何更改。\nThe restored database did not start; nothing was changed.\n${reason}`,
    );
  }
  try {
    const admin = new pg.Client({ connectionString: embeddedUrl(server.port) });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ recovering: boolean }>("SELECT pg_is_in_recovery() AS recovering");
      if (rows[0]?.recovering) throw new RestoreError("恢复出的数据库仍处于恢复状态。\nThe restored database is still in recovery.");
      const cms = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'cms'");
      if (cms.rowCount === 0) return {};
    } finally {
      await admin.end();
    }
    return await countRows(embeddedUrl(server.port, "cms"));
  } finally {
    await server.stop();
  }
}
