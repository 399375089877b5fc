import { afterEach, describe, expect, it } from "vitest";
import { PublicReadRouter, type ReadTarget } from "./public-read-router";

// A primary and a replica reduced to their WAL positions: the replica replays towards the
// primary's position unless paused, and can be taken down.
function fakeCluster() {
  const cluster = {
    primary: 100n,
    replay: 100n,
    up: true,
    primaryReads: 0,
    probe: {
      replayLsn: async () => {
        if (!cluster.up) throw new Error("connect ECONNREFUSED");
        return cluster.replay;
      },
      primaryLsn: async () => cluster.primary,
    },
  };
  return cluster;
}

const routers: PublicReadRouter[] = [];
function routerFor(cluster: ReturnType<typeof fakeCluster>, maxWaitMs = 200) {
  const router = new PublicReadRouter(cluster.probe, { maxWaitMs, pollMs: 5 });
  routers.push(router);
  router.start();
  return router;
}
afterEach(() => routers.splice(0).forEach((r) => r.stop()));

async function until(condition: () => boolean) {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const whereRead = (router: PublicReadRouter) => router.read(async (target: ReadTarget) => target);

describe("routing public reads between the replica and the primary", () => {
  it("starts on the primary and moves to the replica once it has replayed the primary's position", async () => {
    const cluster = fakeCluster();
    cluster.replay = 90n;
    const router = routerFor(cluster);
    expect(await whereRead(router)).toBe("primary");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await whereRead(router)).toBe("primary");
    cluster.replay = 100n;
    await until(() => router.state().target === "replica");
    expect(await whereRead(router)).toBe("replica");
  });

  it("lets the listener refresh once the replica has replayed the change, and keeps reading from it", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster, 10_000);
    await until(() => router.state().target === "replica");
    cluster.primary = 200n;
    let refreshed = false;
    const caughtUp = router.catchUp(200n).then((onReplica) => {
      refreshed = true;
      return onReplica;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(refreshed).toBe(false); // the replica has not replayed the change: no refresh yet
    expect(await whereRead(router)).toBe("replica"); // still the old state, as the caches
    cluster.replay = 200n;
    expect(await caughtUp).toBe(true);
    expect(router.state()).toMatchObject({ target: "replica", floor: "0/C8" });
  });

  it("polls the replica once for many changes waiting together", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster, 10_000);
    await until(() => router.state().target === "replica");
    router.stop(); // only the waiting changes poll from here on
    let inFlight = 0;
    let mostAtOnce = 0;
    const replayLsn = cluster.probe.replayLsn;
    cluster.probe.replayLsn = async () => {
      mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight--;
      return replayLsn();
    };
    cluster.primary = 200n;
    const waits = Array.from({ length: 50 }, (_, i) => router.catchUp(101n + BigInt(i)));
    await new Promise((resolve) => setTimeout(resolve, 100));
    cluster.replay = 200n;
    expect(await Promise.all(waits)).toEqual(waits.map(() => true));
    // One loop polled for all fifty.
    expect(mostAtOnce).toBe(1);
  });

  it("sends reads to the primary when the replica does not catch up in time, and back only once it has", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster, 30);
    await until(() => router.state().target === "replica");
    cluster.primary = 300n; // replay paused at 100
    expect(await router.catchUp(300n)).toBe(false);
    expect(await whereRead(router)).toBe("primary");
    cluster.replay = 250n; // moving, not there yet
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await whereRead(router)).toBe("primary");
    cluster.replay = 300n;
    await until(() => router.state().target === "replica");
    expect(await whereRead(router)).toBe("replica");
  });

  it("switches back only after the primary reads under way have finished, at the primary's position after them", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster, 5_000);
    await until(() => router.state().target === "replica");
    cluster.up = false;
    await until(() => router.state().target === "primary");
    // A primary read that is slow, and sees a change made while it runs.
    let finishSlowRead!: () => void;
    const slowRead = router.read(
      (target) =>
        new Promise<ReadTarget>((resolve) => {
          finishSlowRead = () => resolve(target);
        }),
    );
    cluster.up = true;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The replica is back and caught up with the floor, but a primary read is under way.
    const waitingRead = whereRead(router);
    cluster.primary = 400n; // the slow read will have seen this
    finishSlowRead();
    expect(await slowRead).toBe("primary");
    // The gate read the primary's position after the slow read: 400, which the replica lacks.
    await until(() => router.state().floor === "0/190");
    expect(await waitingRead).toBe("primary");
    cluster.replay = 400n;
    await until(() => router.state().target === "replica");
  });

  it("answers a read from the primary when the replica fails under it", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster);
    await until(() => router.state().target === "replica");
    const tried: ReadTarget[] = [];
    const answer = await router.read(async (target) => {
      tried.push(target);
      if (target === "replica") throw Object.assign(new Error("Can't reach database server"), { code: "P1001" });
      return "from the primary";
    });
    expect(answer).toBe("from the primary");
    expect(tried).toEqual(["replica", "primary"]);
  });

  it("answers from the primary a read the replica's server ended (shutting down: SQLSTATE 57P01)", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster);
    await until(() => router.state().target === "replica");
    // As @prisma/adapter-pg reports it: a known request error carrying the driver's SQLSTATE.
    const shutdown = Object.assign(new Error("Database error. Code: `57P01`."), {
      code: "P2039",
      meta: { driverAdapterError: { cause: { originalCode: "57P01" } } },
    });
    const tried: ReadTarget[] = [];
    const answer = await router.read(async (target) => {
      tried.push(target);
      if (target === "replica") throw shutdown;
      return "from the primary";
    });
    expect(answer).toBe("from the primary");
    expect(tried).toEqual(["replica", "primary"]);
  });

  it("answers from the primary a raw read that could not reach the replica (P2010 wrapping DatabaseNotReachable)", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster);
    await until(() => router.state().target === "replica");
    const unreachable = Object.assign(new Error("Raw query failed. Code: `N/A`."), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable" } } },
    });
    const tried: ReadTarget[] = [];
    await router.read(async (target) => {
      tried.push(target);
      if (target === "replica") throw unreachable;
      return "from the primary";
    });
    expect(tried).toEqual(["replica", "primary"]);
  });

  it("does not retry a read that failed for its own reasons", async () => {
    const cluster = fakeCluster();
    const router = routerFor(cluster);
    await until(() => router.state().target === "replica");
    const tried: ReadTarget[] = [];
    await expect(
      router.read(async (target) => {
        tried.push(target);
        throw Object.assign(new Error("No record was found"), { code: "P2025" });
      }),
    ).rejects.toThrow("No record");
    expect(tried).toEqual(["replica"]);
  });

  it("leaves a replica whose replay position went backwards (restarted behind what it showed)", async () => {
    const cluster = fakeCluster();
    cluster.replay = 500n;
    cluster.primary = 500n;
    const router = routerFor(cluster);
    await until(() => router.state().target === "replica");
    cluster.replay = 450n;
    await until(() => router.state().target === "primary");
    cluster.replay = 500n;
    await until(() => router.state().target === "replica");
  });
});
