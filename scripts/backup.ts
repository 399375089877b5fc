// npm run backup — the embedded database and the media folder into one file under
// .data/backups/ (BACKUP_DIR to change), while the site runs or not. See README
// "Backup and restore" and lib/backup/.
import path from "node:path";
import { BackupError, createBackup, describeSize } from "../lib/backup/backup";
import { externalDatabaseInstructions } from "../lib/backup/external";
import { defaultLocations } from "../lib/backup/locations";

async function main() {
  if (process.env.DATABASE_URL) {
    console.error(externalDatabaseInstructions(process.env.DATABASE_URL, "backup"));
    return 1;
  }
  const result = await createBackup(defaultLocations(), { log: (line) => console.log(`[backup] ${line}`) });
  const { manifest } = result;
  const counts = Object.entries(manifest.counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(", ");
  console.log(
    [
      "",
      `  备份完成 / backup written: ${path.relative(process.cwd(), result.file) || result.file}`,
      `  大小 / size: ${describeSize(result.bytes)} (${describeSize(result.contentBytes)} before compression)`,
      `  用时 / time: ${(result.milliseconds / 1000).toFixed(1)} s (${result.online ? "online, site running" : "site not running"})`,
      `  PostgreSQL ${manifest.postgres.major}, WAL ${manifest.postgres.startLsn} → ${manifest.postgres.stopLsn}`,
      `  行数 / rows: ${counts || "(no cms database)"}`,
      `  媒体 / media: ${manifest.media.included ? `${manifest.media.files} files, ${describeSize(manifest.media.bytes)}` : "no media folder"}`,
      "",
    ].join("\n"),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    const known = error instanceof BackupError;
    console.error(`\n[backup] ${known || error instanceof Error ? error.message : String(error)}\n`);
    if (!known) console.error("备份失败，未生成备份文件。\nThe backup failed; no backup file was written.");
    process.exit(1);
  },
);
