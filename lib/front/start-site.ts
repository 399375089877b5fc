// Runs the site the way production does: the Next.js server on a loopback port and the front
// server with its page cache on the public port. The change listener runs inside the Next.js
// process (lib/public/refresh-on-change.ts) and tells the front over IPC, once the data Next
// renders from is fresh, to empty its cache. Used by `npm start` (scripts/serve.ts), the Docker image (scripts/front.ts), the
// browser tests and the load benchmark, so all four exercise the same path.
import { createRequire } from "node:module";
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import type { Server } from "node:http";
import { findFreePort } from "@/lib/db/ports";
import type { FrontMessage } from "@/lib/public/refresh-on-change";
import { purgeSharedCache } from "@/lib/public/purge-shared-cache";
import { ALL_PUBLIC } from "@/lib/public/cache-tags";
import { createFrontServer } from "./front-server";
import { PageCache } from "./page-cache";

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
}): Promise<Site> {
  const databaseUrl = options.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("startSite: DATABASE_URL is required");
  const upstream = { host: "127.0.0.1", port: await findFreePort() };
  const nextArgs = options.nextArgs ?? nextStart;
  const next = spawn(process.execPath, nextArgs(upstream.port), {
    env: { ...options.env, PORT: String(upstream.port), HOSTNAME: upstream.host, CMS_FRONT_IPC: "1" },
    stdio: withIpc(options.stdio ?? "inherit"),
  });

  const megabytes = Number(options.env.PAGE_CACHE_MB ?? 128);
  const cache = new PageCache({ maxBytes: megabytes * 1024 * 1024 });
  // Nothing is kept until Next's listener says it hears changes; when it loses them, nothing is.
  cache.enabled = false;
  next.on("message", (message: FrontMessage) => {
    if (message?.type === "cms:listening") {
      cache.enabled = message.listening && megabytes > 0;
      cache.clear();
    } else if (message?.type === "cms:changed") {
      if (message.tags) cache.purge(message.tags);
      else cache.clear();
      // Only now, with this instance's pages fresh, may the shared cache fetch them again.
      void purgeSharedCache(message.tags ?? [ALL_PUBLIC], options.env.VARNISH_PURGE_URL);
    }
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
      await closeGracefully(front);
      if (next.exitCode === null && next.signalCode === null) {
        const exited = new Promise((resolve) => next.once("exit", resolve));
        next.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/**
 * How long readers' requests in flight may take to finish when the site stops: under Docker's
 * default stop timeout (10 s), after which the container is killed anyway.
 */
const STOP_GRACE_MS = 8_000;

/**
 * Stops taking connections (a load balancer then sends new requests to another instance) and
 * lets the requests in flight finish; kept-alive connections are closed as soon as they are idle.
 * What is still running after STOP_GRACE_MS is cut off.
 */
async function closeGracefully(server: Server): Promise<void> {
  const closed = new Promise((resolve) => server.close(resolve));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const cutOff = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS);
  server.closeIdleConnections();
  await closed;
  clearInterval(idle);
  clearTimeout(cutOff);
}

function nextStart(port: number): string[] {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  return [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"];
}

/** The child's stdio with an IPC channel added, so Next can tell the front about changes. */
function withIpc(stdio: StdioOptions): StdioOptions {
  const base = typeof stdio === "string" ? [stdio, stdio, stdio] : [...stdio];
  return [...base.slice(0, 3), "ipc"];
}
