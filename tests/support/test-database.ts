// For integration tests: a fresh, migrated database per test file, and a Prisma client on it.
import crypto from "node:crypto";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "../../lib/db/client";
import { createDatabase } from "./postgres";

export async function freshDatabase(): Promise<{ url: string; db: Db }> {
  const name = `cms_${crypto.randomBytes(6).toString("hex")}`;
  const url = await createDatabase(inject("adminDatabaseUrl"), name, inject("templateDatabase"));
  return { url, db: createPrismaClient(url, { max: 5 }) };
}
