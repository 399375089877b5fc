// manifest.json, the last entry of every backup: what was copied, from which server, when,
// and each file's SHA-256. `restore` trusts nothing in the archive that this does not list.
import type { ArchivedFile } from "./archive";

export const BACKUP_FORMAT = "cms-backup/1";

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  method: string;
  postgres: {
    major: number;
    version: string;
    systemIdentifier: string;
    timeline: number;
    startLsn: string;
    stopLsn: string;
    walSegments: string[];
    databases: string[];
  };
  media: { included: boolean; files: number; bytes: number };
  /** Rows at the time of the backup, for the person reading the manifest (not verified) */
  counts: Record<string, number>;
  files: ArchivedFile[];
}

/** Parses and checks the shape of a manifest; throws a plain Error naming what is wrong. */
export function parseManifest(content: Buffer): BackupManifest {
  const value = JSON.parse(content.toString("utf8")) as Partial<BackupManifest>;
  if (value.format !== BACKUP_FORMAT) throw new Error(`unknown backup format ${JSON.stringify(value.format)}`);
  if (!value.postgres || !Number.isInteger(value.postgres.major)) throw new Error("manifest without a PostgreSQL version");
  if (!Array.isArray(value.files)) throw new Error("manifest without a file list");
  for (const file of value.files) {
    if (typeof file.path !== "string" || !Number.isInteger(file.size) || !/^[0-9a-f]{64}$/.test(file.sha256)) {
      throw new Error(`malformed manifest entry ${JSON.stringify(file)}`);
    }
  }
  if (!value.media || typeof value.media.included !== "boolean") throw new Error("manifest without a media section");
  return value as BackupManifest;
}
