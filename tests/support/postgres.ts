// Starts the test PostgreSQL child process and hands out fresh databases.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate";

export interface TestPostgres {
  /** Connection string to the maintenance database */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const require = createRequire(import.meta.url);
  const tsxCli = require.resolve("tsx/cli");
  const child: ChildProcess = spawn(process.execPath, [tsxCli, fileURLToPath(new URL("./postgres-server.ts", import.meta.url))], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const ready = await new Promise<{ url: string }>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(JSON.parse(line) as { url: string }));
    child.once("exit", (code) => reject(new Error(`test PostgreSQL exited early (code ${code})`)));
  });
  return {
    adminUrl: ready.url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin?.end();
      await exited;
    },
  };
}

export function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Creates database `name` (optionally as a copy of `template`) and returns its URL. */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await client.end();
  }
  return withDatabase(adminUrl, name);
}

/** A database with every migration applied, to be copied per test file. */
export async function createMigratedTemplate(adminUrl: string, name = "cms_template"): Promise<string> {
  const url = await createDatabase(adminUrl, name);
  await applyMigrations(url);
  return url;
}
