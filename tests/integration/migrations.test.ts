import crypto from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { applyMigrations, readMigrations } from "@/lib/db/migrate";
import { createDatabase } from "../support/postgres";

let url: string;
let client: pg.Client;

beforeAll(async () => {
  url = await createDatabase(inject("adminDatabaseUrl"), `cms_migrations_${crypto.randomBytes(4).toString("hex")}`);
  client = new pg.Client({ connectionString: url });
  await client.connect();
});
afterAll(() => client.end());

describe("applyMigrations", () => {
  it("creates every table of the model on an empty database", async () => {
    const result = await applyMigrations(url);
    expect(result.applied).toEqual(readMigrations().map((m) => m.name));
    const { rows } = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "AuditEvent",
        "Committee",
        "Media",
        "Membership",
        "Notification",
        "Report",
        "ReviewComment",
        "Revision",
        "SignInAttempt",
        "User",
        "WorkflowEvent",
        "_prisma_migrations",
      ]),
    );
  });

  it("gives every field of prisma/schema.prisma its column: the migrations and the schema agree", async () => {
    // The migrations are written by several people; this is what catches one that was left out.
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const enums = new Set([...schema.matchAll(/^enum (\w+) \{/gm)].map((m) => m[1]!));
    const models = [...schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)];
    const expected: string[] = [];
    for (const [, model, body] of models) {
      const modelNames = new Set(models.map((m) => m[1]!));
      for (const line of body!.split("\n")) {
        const field = /^\s+(\w+)\s+(\w+)(\[\])?\??/.exec(line);
        if (!field || line.trim().startsWith("//") || line.trim().startsWith("@@")) continue;
        const [, name, type] = field;
        if (modelNames.has(type!)) continue; // a relation, not a column
        if (!enums.has(type!) && !/^(String|Int|BigInt|Boolean|DateTime|Json|Float|Decimal|Bytes|Unsupported)$/.test(type!)) continue;
        expected.push(`${model}.${name}`);
      }
    }
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const actual = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.filter((column) => !actual.has(column))).toEqual([]);
  });

  it("records each migration as Prisma does, with the sha256 of its SQL", async () => {
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = readMigrations();
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it("does nothing the second time, even when two instances start at once", async () => {
    const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect(a.applied).toEqual([]);
    expect(b.applied).toEqual([]);
  });

  it("applies a new migration exactly once when two instances race for it", async () => {
    const extra = {
      name: "99990101000000_test_extra",
      sql: 'CREATE TABLE "TestExtra" (id int primary key);',
      checksum: crypto.createHash("sha256").update('CREATE TABLE "TestExtra" (id int primary key);').digest("hex"),
    };
    const all = [...readMigrations(), extra];
    const results = await Promise.all([applyMigrations(url, all), applyMigrations(url, all)]);
    expect(results.flatMap((r) => r.applied)).toEqual([extra.name]);
  });

  it("rolls back a failing migration and says which one failed", async () => {
    const broken = { name: "99990102000000_broken", sql: "CREATE TABLE nope (", checksum: "x".repeat(64) };
    await expect(applyMigrations(url, [...readMigrations(), broken])).rejects.toThrow(/99990102000000_broken/);
    const { rowCount } = await client.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name]);
    expect(rowCount).toBe(0);
  });
});
