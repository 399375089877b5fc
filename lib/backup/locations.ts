// Where the backup and restore commands look by default. They mirror scripts/serve.ts (the
// embedded cluster in .data/postgres under the working directory) and the media store's
// MEDIA_DIR (default .data/media), so that `npm run backup` needs no arguments.
import path from "node:path";

export interface BackupLocations {
  /** The embedded PostgreSQL data directory */
  dataDir: string;
  /** Stored media files; may not exist (no media yet, or media kept in S3) */
  mediaDir: string;
  /** Where `npm run backup` writes its archives */
  backupsDir: string;
}

export function defaultLocations(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): BackupLocations {
  const dataRoot = path.join(cwd, ".data");
  return {
    dataDir: path.join(dataRoot, "postgres"),
    mediaDir: path.resolve(cwd, env.MEDIA_DIR || path.join(dataRoot, "media")),
    backupsDir: path.resolve(cwd, env.BACKUP_DIR || path.join(dataRoot, "backups")),
  };
}

/** 20261201T023000Z: sortable, and safe in file names on every system. */
export function timestampForFileName(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}
