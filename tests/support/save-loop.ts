// The "app" of tests/integration/durability.test.ts: saves a draft again and again through the
// real command and prints each acknowledged save as `ACK <n> <version>`, until it is killed.
import { loadSessionUser } from "../../lib/auth/actor";
import { createPrismaClient } from "../../lib/db/client";
import { saveDraft } from "../../lib/reports/commands/save-draft";

async function main() {
  const [reportId, userId] = process.argv.slice(2);
  const db = createPrismaClient(process.env.DATABASE_URL!, { max: 2 });
  const actor = (await loadSessionUser(db, { userId: userId!, sessionVersion: 0 }))!;
  let version = (await db.report.findUniqueOrThrow({ where: { id: reportId! } })).version;
  for (let n = 1; ; n++) {
    const text = `第${n}次保存的正文。`;
    try {
      const saved = await saveDraft({ actor, reportId: reportId!, input: { expectedVersion: version, fields: { title: "断电测试" }, content: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] } } });
      version = saved.version;
      process.stdout.write(`ACK ${n} ${version}\n`);
    } catch {
      // The database went away: keep trying, as the editor's autosave does.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

void main();
