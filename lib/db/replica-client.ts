// The public site's database handle when a streaming replica is configured
// (DATABASE_REPLICA_URL). @prisma/extension-read-replicas holds the replica client and gives the
// explicit `$replica()` / `$primary()` handles; its own query hook, which sends every model read
// to a replica whatever its lag, is not in the public handle's chain (Prisma runs query hooks
// in the order they were added, so a hook stacked on it would never see those reads). Instead
// the public handle's one rule: each read goes to the handle the router
// (./public-read-router.ts) chooses at that moment. Writes and array transactions go to the
// primary (the public site does not write).
import pg from "pg";
import { readReplicas } from "@prisma/extension-read-replicas";
import { createPrismaClient, type Db } from "./client";
import { parseLsn } from "./lsn";
import { PublicReadRouter } from "./public-read-router";

const READ_OPERATIONS = new Set([
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "findUnique",
  "findUniqueOrThrow",
  "groupBy",
  "aggregate",
  "count",
  "$queryRaw",
  "$queryRawUnsafe",
]);

export interface ReplicaRoutedDb {
  /** Reads go where the router says; typed as the plain client so public code needs no change of shape. */
  db: Db;
  router: PublicReadRouter;
  close(): Promise<void>;
}

export function createReplicaRoutedDb(
  primary: Db,
  replicaUrl: string,
  options: { maxWaitMs?: number; pollMs?: number; log?: (line: string) => void } = {},
): ReplicaRoutedDb {
  // A replica that is down must fail a read quickly, so the read can go to the primary.
  const replica = createPrismaClient(replicaUrl, { connectionTimeoutMillis: 2_000 });
  const probePool = new pg.Pool({ connectionString: replicaUrl, max: 2, connectionTimeoutMillis: 2_000, application_name: "cms-replica-probe" });
  probePool.on("error", () => {}); // an idle probe connection dropped by a stopping replica
  const router = new PublicReadRouter(
    {
      replayLsn: async () => {
        const { rows } = await probePool.query<{ lsn: string | null }>("SELECT pg_last_wal_replay_lsn()::text AS lsn");
        // Null: not a standby (promoted, or pointed at a primary by mistake): never route to it.
        if (!rows[0]?.lsn) throw new Error("DATABASE_REPLICA_URL is not a streaming replica (no replay position)");
        return parseLsn(rows[0].lsn);
      },
      primaryLsn: async () => {
        const rows = await primary.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
        return parseLsn(rows[0]!.lsn);
      },
    },
    { maxWaitMs: options.maxWaitMs ?? 500, pollMs: options.pollMs ?? 1_000, log: options.log },
  );

  const withReplica = primary.$extends(readReplicas({ replicas: [replica] }));
  const routed = primary.$extends({
    client: {
      // An interactive transaction on the public handle is a read-only one (search runs its
      // queries in one, for SET LOCAL): it goes, whole, where the router says. The array form
      // is sent on unchanged: its queries are routed one by one above, to the primary.
      $transaction(...args: unknown[]) {
        const [first, options] = args;
        if (typeof first !== "function") return (primary.$transaction as (...a: unknown[]) => unknown)(...args);
        return router.read((target) => {
          const client = target === "replica" ? withReplica.$replica() : withReplica.$primary();
          return (client.$transaction as (fn: unknown, options?: unknown) => Promise<unknown>)(first, options);
        });
      },
    },
    query: {
      async $allOperations({ model, operation, args, query, ...rest }) {
        const inTransaction = Boolean((rest as { __internalParams?: { transaction?: unknown } }).__internalParams?.transaction);
        if (inTransaction || !READ_OPERATIONS.has(operation)) return query(args);
        return router.read((target) => {
          const client = (target === "replica" ? withReplica.$replica() : withReplica.$primary()) as unknown as Record<string, unknown>;
          return dispatch(client, model, operation, args);
        });
      },
    },
  });
  router.start();
  return {
    db: routed as unknown as Db,
    router,
    async close() {
      router.stop();
      await Promise.all([replica.$disconnect(), probePool.end()]);
    },
  };
}

/** Calls `operation` on `client` (a model's delegate when `model` is set), as the extension itself does. */
function dispatch(client: Record<string, unknown>, model: string | undefined, operation: string, args: unknown): Promise<unknown> {
  const target = (model ? client[model] : client) as Record<string, (...args: unknown[]) => Promise<unknown>>;
  // $queryRawUnsafe's arguments arrive as [sql, ...values].
  return Array.isArray(args) ? target[operation]!(...args) : target[operation]!(args);
}
