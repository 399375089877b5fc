import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Db = PrismaClient;

/** A Prisma client over node-postgres; the app keeps one per process (lib/db.ts). */
export function createPrismaClient(connectionString: string, options: { max?: number; connectionTimeoutMillis?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis });
  return new PrismaClient({ adapter });
}
