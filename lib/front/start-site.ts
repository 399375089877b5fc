// Runs the site the way production does: the Next.js server on a loopback port, the front
// server with its page cache on the public port, and the change listener that keeps the cache
// honest. Used by `npm start` (scripts/serve.ts), the Docker image (scripts/front.ts), the
// browser tests and the load benchmark, so all four exercise the same path.
import http from "node:http";
import { createRequire } from "node:module";
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { findFreePort } from "@/lib/db/ports";
import { internalRevalidateToken } from "@/lib/public/changes";
import { createFrontServer } from "./front-server";
import { PageCache } from "./page-cache";
import { listenForPublicChanges } from "./public-changes";

export interface Site {
  /** The Next.js server behind the front. */
  next: ChildProcess;
  cache: PageCache;
  stop(): Promise<void>;
}

export async function startSite(options: {
  port: number;
  hostname?: string;
  /**
   * Arguments for `node` that start Next.js on the given loopback port (which it also finds in
   * PORT and HOSTNAME); `next start` unless said otherwise.
   */
  nextArgs?: (port: number) => string[];
  /** Must hold DATABASE_URL and NEXTAUTH_SECRET. */
  env: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
  log?: (line: string) => void;
}): Promise<Site> {
  const log = options.log ?? (() => {});
  const databaseUrl = options.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("startSite: DATABASE_URL is required");
  const upstream = { host: "127.0.0.1", port: await findFreePort() };
  const nextArgs = options.nextArgs ?? nextStart;
  const next = spawn(process.execPath, nextArgs(upstream.port), {
    env: { ...options.env, PORT: String(upstream.port), HOSTNAME: upstream.host },
    stdio: options.stdio ?? "inherit",
  });

  const megabytes = Number(options.env.PAGE_CACHE_MB ?? 128);
  const cache = new PageCache({ maxBytes: megabytes * 1024 * 1024 });
  if (!(megabytes > 0)) cache.enabled = false;

  // Clear, ask Next to expire its own cached reads, clear again: a page rendered from the old
  // data in between is answered but never kept. Changes arriving meanwhile cost one more round.
  let refreshing: Promise<void> | undefined;
  let again = false;
  const refresh = () => {
    cache.clear();
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = (async () => {
      do {
        again = false;
        await expireNextCache(upstream, options.env.NEXTAUTH_SECRET ?? "").catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "ECONNREFUSED") log(`could not expire Next's cache: ${error.message}`);
        });
        cache.clear();
      } while (again);
      refreshing = undefined;
    })();
  };

  const listener = listenForPublicChanges({
    databaseUrl,
    log,
    onConnection: (connected) => {
      cache.enabled = connected && megabytes > 0;
      if (!connected) cache.clear();
    },
    onChange: () => refresh(),
  });

  const front = createFrontServer({ cache, upstream });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(options.port, options.hostname, () => resolve());
  });

  return {
    next,
    cache,
    async stop() {
      await new Promise((resolve) => {
        front.close(resolve);
        front.closeAllConnections();
      });
      await listener.close();
      if (next.exitCode === null && next.signalCode === null) {
        const exited = new Promise((resolve) => next.once("exit", resolve));
        next.kill("SIGTERM");
        await exited;
      }
    },
  };
}

function nextStart(port: number): string[] {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"];
}

function expireNextCache(upstream: { host: string; port: number }, secret: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        ...upstream,
        method: "POST",
        path: "/api/internal/revalidate",
        headers: { "x-revalidate-token": internalRevalidateToken(secret), "content-length": 0 },
        timeout: 10_000,
      },
      (res) => {
        res.resume();
        if (res.statusCode === 204) resolve();
        else reject(new Error(`HTTP ${res.statusCode}`));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end();
  });
}
