import "server-only";
import { getDb } from "@/lib/db";
import type { Db } from "./client";
import { createReplicaRoutedDb, type ReplicaRoutedDb } from "./replica-client";
import type { PublicReadRouter } from "./public-read-router";

// The one place that decides which database the public site reads. Public reads (lib/public,
// search, feeds, sitemaps, public pages) take `getPublicDb()`; studio reads, every write and
// every transaction that writes take `getDb()`, the primary. Without DATABASE_REPLICA_URL both
// are the same client, as on a single machine.

const globalForPublicDb = globalThis as unknown as { __cmsPublicDb?: ReplicaRoutedDb };

/** How long the change listener waits for the replica before public reads go to the primary. */
const DEFAULT_MAX_WAIT_MS = 500;

export function getPublicDb(): Db {
  return publicRouting()?.db ?? getDb();
}

/** The router in front of the replica, or null when there is none (the change listener waits on it). */
export function getPublicReadRouter(): PublicReadRouter | null {
  return publicRouting()?.router ?? null;
}

function publicRouting(): ReplicaRoutedDb | null {
  const replicaUrl = process.env.DATABASE_REPLICA_URL;
  if (!replicaUrl) return null;
  if (!globalForPublicDb.__cmsPublicDb) {
    const maxWait = Number(process.env.DATABASE_REPLICA_MAX_WAIT_MS);
    globalForPublicDb.__cmsPublicDb = createReplicaRoutedDb(getDb(), replicaUrl, {
      maxWaitMs: Number.isFinite(maxWait) && maxWait >= 0 ? maxWait : DEFAULT_MAX_WAIT_MS,
      log: (line) => console.warn(`[replica] ${line}`),
    });
  }
  return globalForPublicDb.__cmsPublicDb;
}
