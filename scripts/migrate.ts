// Applies pending migrations to DATABASE_URL and exits; the Docker image runs it before
// the server (bundled to migrate.mjs), and operators may run `npx tsx scripts/migrate.ts`.
import { applyMigrations } from "../lib/db/migrate";
import { assertDatabaseReachable } from "../lib/db/reachable";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  await assertDatabaseReachable(url);
  const { applied } = await applyMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database schema is up to date");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
