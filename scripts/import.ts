// npm run import -- --committee <slug> [--user <username>] <files…>
// Bulk migration of an old site: one draft per file in the committee, through the same
// importer and command as the studio's import page. Prints each new report's id, its
// recognised fields and its warnings. The photos of Word documents go into the committee's
// media library (MEDIA_DIR or S3, as for the site), through the checks of an upload. Uses
// DATABASE_URL, or the embedded database in .data/ whether or not the site is running (see
// lib/db/embedded-postgres.ts).
// Run with the react-server condition (package.json) so that server-only modules load.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { createPrismaClient } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { EMBEDDED_PASSWORD, EMBEDDED_USER, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { assertDatabaseReachable } from "../lib/db/reachable";
import { loadSessionUser } from "../lib/auth/actor";
import { CommandError } from "../lib/reports/errors";
import { fieldLabel, type ReportFieldName } from "../lib/reports/rules/fields";

const DATA_DIR = path.join(process.cwd(), ".data", "postgres");

/**
 * The embedded database of a running site (npm run dev / start holds .data/postgres): its
 * postmaster.pid names the process and port; the import then connects to it instead of
 * starting a second server on the same data, which PostgreSQL would refuse.
 */
function runningEmbeddedUrl(): string | undefined {
  let lines: string[];
  try {
    lines = readFileSync(path.join(DATA_DIR, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  return Number.isInteger(port) && port > 0 ? `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/cms` : undefined;
}

const USAGE = "用法：npm run import -- --committee <工委代码> [--user <用户名>] <文件…>";

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { committee: { type: "string" }, user: { type: "string" } },
    allowPositionals: true,
  });
  if (!values.committee || positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }

  let url = process.env.DATABASE_URL ?? runningEmbeddedUrl();
  const embedded = url ? undefined : await startEmbeddedPostgres({ dataDir: DATA_DIR, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329) });
  try {
    if (embedded) {
      await embedded.createDatabase("cms");
      url = embedded.urlFor("cms");
    } else {
      await assertDatabaseReachable(url!);
    }
    await applyMigrations(url!);
    // The app's modules read DATABASE_URL through getDb(); load them only now.
    process.env.DATABASE_URL = url;
    const { importFileAsReport } = await import("../lib/reports/commands/import-report");
    const { storeFromEnv } = await import("../lib/media/storage");
    // The site's media store: MEDIA_DIR (default .data/media) or S3 when configured.
    const store = storeFromEnv();
    const db = createPrismaClient(url!, { max: 2 });
    try {
      const committee = await db.committee.findUnique({ where: { slug: values.committee } });
      if (!committee) {
        console.error(`没有代码为 ${values.committee} 的工委`);
        return 2;
      }
      const member = values.user
        ? await db.user.findUnique({ where: { username: values.user } })
        : (await db.membership.findFirst({ where: { committeeId: committee.id, role: "EDITOR" }, include: { user: true }, orderBy: { user: { username: "asc" } } }))?.user;
      if (!member) {
        console.error(values.user ? `没有用户 ${values.user}` : `${committee.name}没有编辑，请用 --user 指定导入人`);
        return 2;
      }
      const actor = await loadSessionUser(db, { userId: member.id, sessionVersion: member.sessionVersion });
      if (!actor) {
        console.error(`用户 ${member.username} 已停用`);
        return 2;
      }

      let failures = 0;
      for (const file of positionals) {
        try {
          const bytes = await readFile(file);
          const { imported, ...created } = await importFileAsReport({ actor, committeeId: committee.id, bytes, fileName: path.basename(file), store });
          console.log(`\n${file}\n  稿件 ${created.id}（${imported.format}，插图 ${imported.figures.total}，待上传照片 ${imported.figures.waiting}）`);
          for (const [name, value] of Object.entries(created.fields)) {
            if (value) console.log(`  ${fieldLabel(name as ReportFieldName)}：${value}`);
          }
          for (const warning of created.warnings) console.log(`  ⚠ ${warning}`);
        } catch (error) {
          failures++;
          const message = error instanceof CommandError ? error.message : error instanceof Error ? error.message : String(error);
          console.error(`\n${file}\n  ✗ 未导入：${message}`);
        }
      }
      return failures === 0 ? 0 : 1;
    } finally {
      await db.$disconnect();
    }
  } finally {
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
