// The front's connections to Next: an idle kept-alive connection that Next closes just as the
// front reuses it must never cost a reader a 502. The upstream here is a raw TCP server that
// plays the race deterministically: a request arriving on a connection idle past its limit is
// met by a closed connection, as when Next's close and the front's request cross on the wire.
import http from "node:http";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFrontServer } from "./front-server";
import { PageCache } from "./page-cache";

interface RacyUpstream {
  port: number;
  /** Requests met by a closed connection because their connection had been idle too long. */
  cut: number;
  connections: number;
  close(): Promise<void>;
}

/**
 * Answers every request with a private 200 (so the front passes each one through), announcing
 * `Keep-Alive: timeout=<hint>` when a hint is given; a connection idle longer than `idleMs`
 * is destroyed when its next request arrives instead of being answered.
 */
async function racyUpstream(idleMs: number, hint?: number): Promise<RacyUpstream> {
  const sockets = new Set<net.Socket>();
  const upstream = { port: 0, cut: 0, connections: 0, close: async () => {} };
  const server = net.createServer((socket) => {
    upstream.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let lastAnswer = 0;
    let pending = "";
    socket.on("data", (data) => {
      pending += data.toString("latin1");
      while (pending.includes("\r\n\r\n")) {
        pending = pending.slice(pending.indexOf("\r\n\r\n") + 4);
        if (lastAnswer && Date.now() - lastAnswer > idleMs) {
          upstream.cut++;
          socket.destroy();
          return;
        }
        lastAnswer = Date.now();
        const keepAlive = hint === undefined ? "" : `Keep-Alive: timeout=${hint}\r\n`;
        socket.write(`HTTP/1.1 200 OK\r\nCache-Control: private, no-store\r\nConnection: keep-alive\r\n${keepAlive}Content-Length: 2\r\n\r\nok`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  upstream.port = (server.address() as net.AddressInfo).port;
  upstream.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return upstream;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function frontBefore(upstream: RacyUpstream): Promise<string> {
  const cache = new PageCache();
  cache.enabled = false;
  const front = createFrontServer({ cache, upstream: { host: "127.0.0.1", port: upstream.port } });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  closers.push(
    () => upstream.close(),
    () =>
      new Promise<void>((resolve) => {
        front.closeAllConnections();
        front.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
}

/** `count` readers at once, each on a connection of its own, so the front opens `count` to the upstream. */
async function readersAtOnce(base: string, count: number): Promise<number[]> {
  const ask = (i: number) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(`${base}/private?reader=${i}`, { agent: false }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        })
        .on("error", reject);
    });
  return Promise.all(Array.from({ length: count }, (_, i) => ask(i)));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the front's connections to Next", () => {
  it("drops an idle connection before the time Next announces, so none is reused as Next closes it", async () => {
    // Next announces five seconds; this upstream announces two and cuts at two.
    const upstream = await racyUpstream(2000, 2);
    const base = await frontBefore(upstream);
    expect(await readersAtOnce(base, 4)).toEqual([200, 200, 200, 200]);
    const kept = upstream.connections;
    await pause(2500);
    expect(await readersAtOnce(base, 4)).toEqual([200, 200, 200, 200]);
    // The front let its idle connections go after a second and opened new ones.
    expect(upstream.cut).toBe(0);
    expect(upstream.connections).toBeGreaterThan(kept);
  });

  it("sends a page request again on a new connection when its kept-alive one was closed under it", async () => {
    // No announced time: the front cannot know, and every idle connection it holds is stale at once.
    const upstream = await racyUpstream(300);
    const base = await frontBefore(upstream);
    expect(await readersAtOnce(base, 4)).toEqual([200, 200, 200, 200]);
    await pause(600);
    for (let i = 0; i < 3; i++) expect(await readersAtOnce(base, 1)).toEqual([200]);
    expect(upstream.cut).toBeGreaterThanOrEqual(1);
  });
});
