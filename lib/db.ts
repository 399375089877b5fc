import "server-only";
import { createPrismaClient, type Db } from "@/lib/db/client";

const globalForDb = globalThis as unknown as { __cmsDb?: Db };

/**
 * The process-wide database client, created on first use so that `next build` can import
 * modules without a DATABASE_URL (pages that read data are rendered at request time).
 */
export function getDb(): Db {
  if (!globalForDb.__cmsDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set; start the site with `npm run dev` or `npm start`.");
    globalForDb.__cmsDb = createPrismaClient(url);
  }
  return globalForDb.__cmsDb;
}
