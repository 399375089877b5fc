import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { findFreePort, parsePortRange } from "./ports";

const saved = process.env.FREE_PORT_RANGE;
afterEach(() => {
  if (saved === undefined) delete process.env.FREE_PORT_RANGE;
  else process.env.FREE_PORT_RANGE = saved;
});

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port, host: "127.0.0.1" }, () => resolve(server));
  });
}

describe("parsePortRange", () => {
  it("reads from-to and refuses what is not a range of unprivileged ports", () => {
    expect(parsePortRange("12000-15999")).toEqual({ from: 12000, to: 15999 });
    expect(parsePortRange(undefined)).toBeNull();
    expect(parsePortRange("")).toBeNull();
    expect(parsePortRange("16000-12000")).toBeNull();
    expect(parsePortRange("80-90")).toBeNull();
    expect(parsePortRange("60000-70000")).toBeNull();
    expect(parsePortRange("12000")).toBeNull();
  });
});

describe("findFreePort within FREE_PORT_RANGE", () => {
  it("hands out every free port of the range once, skips one in use, then says the range is spent", async () => {
    // A small range of the kernel's own choosing, so nothing on this machine already listens there.
    const first = await findFreePortOutsideRange();
    const range = [first, first + 1, first + 2];
    const busy = await listen(range[1]!);
    try {
      process.env.FREE_PORT_RANGE = `${range[0]}-${range[2]}`;
      const handed: number[] = [];
      for (let call = 0; call < 10; call++) {
        try {
          handed.push(await findFreePort());
        } catch (error) {
          expect(String(error)).toContain(`FREE_PORT_RANGE ${range[0]}-${range[2]}`);
          break;
        }
      }
      expect(handed.toSorted((a, b) => a - b)).toEqual([range[0], range[2]]);
    } finally {
      busy.close();
    }
  });

  it("asks the kernel when no range is set", async () => {
    delete process.env.FREE_PORT_RANGE;
    const port = await findFreePort();
    const server = await listen(port);
    server.close();
    expect(port).toBeGreaterThan(0);
  });
});

async function findFreePortOutsideRange(): Promise<number> {
  delete process.env.FREE_PORT_RANGE;
  // Three ports in a row, all free now (below the kernel's ephemeral range is not needed here).
  for (;;) {
    const port = await findFreePort();
    if (port + 2 > 65535) continue;
    const servers = await Promise.all([port, port + 1, port + 2].map((p) => listen(p).catch(() => null)));
    servers.forEach((server) => server?.close());
    if (servers.every(Boolean)) return port;
  }
}
