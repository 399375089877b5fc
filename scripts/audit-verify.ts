// npm run audit:verify — walks the audit log's hash chain and names the first row that was
// altered, deleted or inserted out of order. Exit 0 when the chain is whole, 1 when it is not,
// 2 when the database cannot be read. DATABASE_URL, or the embedded database whether or not
// the site is running (lib/db/script-database.ts).
import { createPrismaClient } from "../lib/db/client";
import { openScriptDatabase } from "../lib/db/script-database";
import { describeBreak, verifyAuditChain } from "../lib/audit/verify";

async function main(): Promise<number> {
  const database = await openScriptDatabase();
  const db = createPrismaClient(database.url, { max: 2 });
  try {
    const result = await verifyAuditChain(db);
    if (!result.ok) {
      console.error(describeBreak(result.break));
      console.error(`（此前 ${result.count} 条完好 / ${result.count} rows before it are intact）`);
      return 1;
    }
    const legacy = result.legacy ? `；另有 ${result.legacy} 条早于哈希链的记录未覆盖 / ${result.legacy} older rows predate the chain` : "";
    console.log(`审计日志完好：${result.count} 条记录的哈希链校验通过${legacy}。\nAudit log intact: ${result.count} chained rows verified.`);
    return 0;
  } finally {
    await db.$disconnect();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // P2021/P2022: a table or column is missing — the database predates the audit chain.
    const code = (error as { code?: string }).code;
    const reason =
      code === "P2021" || code === "P2022"
        ? "数据库尚未升级到含审计哈希链的版本，请先启动一次网站（npm run dev / npm start）以应用迁移。\nThe database has not been migrated to the audit chain yet; start the site once to apply the migrations."
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`无法校验审计日志 / Cannot verify the audit log: ${reason}`);
    process.exit(2);
  },
);
