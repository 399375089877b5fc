// npm run db:seed — writes the demo committees, accounts and sample reports into the
// database at DATABASE_URL (or the embedded one in .data/ when it is unset).
import path from "node:path";
import { createPrismaClient } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { assertDatabaseReachable } from "../lib/db/reachable";
import { seedDemoData } from "../prisma/seed";
import { DEMO_PASSWORD } from "../prisma/demo-data";

async function main() {
  let url = process.env.DATABASE_URL;
  const embedded = url
    ? undefined
    : await startEmbeddedPostgres({
        dataDir: path.join(process.cwd(), ".data", "postgres"),
        port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      });
  try {
    if (embedded) {
      await embedded.createDatabase("cms");
      url = embedded.urlFor("cms");
    } else {
      await assertDatabaseReachable(url!);
    }
    await applyMigrations(url!);
    const db = createPrismaClient(url!, { max: 2 });
    try {
      const summary = await seedDemoData(db);
      console.log(
        `seeded: ${summary.committees} committees, ${summary.users} accounts (password ${DEMO_PASSWORD}), ${summary.reports} new reports`,
      );
    } finally {
      await db.$disconnect();
    }
  } finally {
    await embedded?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
