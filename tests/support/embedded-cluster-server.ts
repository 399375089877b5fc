// Child process of embedded-cluster.ts: `tsx embedded-cluster-server.ts <dataDir> <port>`.
// Prints {"url":…} when ready; stops the server (keeping its data) when stdin closes.
import { startEmbeddedPostgres } from "../../lib/db/embedded-postgres";

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port) });
  await pg.createDatabase("cms");
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await pg.stop().catch(() => {});
    process.exit(0);
  };
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdout.write(JSON.stringify({ url: pg.urlFor("postgres") }) + "\n");
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
