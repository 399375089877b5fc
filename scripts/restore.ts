// npm run restore -- <file> — puts a backup made by `npm run backup` back in place of the
// embedded database and media folder. The site must be stopped; the current data is moved
// aside, never deleted. See README "Backup and restore" and lib/backup/restore.ts.
import path from "node:path";
import { externalDatabaseInstructions } from "../lib/backup/external";
import { defaultLocations } from "../lib/backup/locations";
import { restoreBackup } from "../lib/backup/restore";

async function main() {
  if (process.env.DATABASE_URL) {
    console.error(externalDatabaseInstructions(process.env.DATABASE_URL, "restore"));
    return 1;
  }
  const file = process.argv[2];
  if (!file) {
    console.error(
      "用法：npm run restore -- <备份文件>（备份文件在 .data/backups/ 中）\nUsage: npm run restore -- <backup file> (backups are in .data/backups/)",
    );
    return 1;
  }
  // npm runs scripts from the project folder; a relative path means one from where the
  // person typed the command.
  const archive = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const result = await restoreBackup(archive, defaultLocations(), {
    log: (line) => console.log(`[restore] ${line}`),
  });
  const counts = Object.entries(result.counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(", ");
  const lines = [
    "",
    `  恢复完成 / restored: ${path.basename(file)} (made ${result.manifest.createdAt})`,
    `  用时 / time: ${(result.milliseconds / 1000).toFixed(1)} s`,
    `  行数 / rows: ${counts || "(no cms database)"}`,
    `  媒体 / media: ${result.mediaRestored ? `${result.manifest.media.files} files` : "the backup has no media folder; the current one was left as it is"}`,
  ];
  if (result.movedAside.length) {
    lines.push(
      "  原有数据已移到以下位置，确认无误后可自行删除 / the previous data was moved here; delete it once you are satisfied:",
      ...result.movedAside.map((dir) => `    ${dir}`),
    );
  }
  lines.push("  现在可以运行 npm run dev 或 npm start / start the site with npm run dev or npm start", "");
  console.log(lines.join("\n"));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`\n[restore] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
