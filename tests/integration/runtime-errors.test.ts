import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertDatabaseReachable } from "@/lib/db/reachable";
import { assertPortFree, findFreePort } from "@/lib/db/ports";
import { bundledMajorVersion, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";

const servers: net.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

function listen(port: number, onConnection: (socket: net.Socket) => void = () => {}): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer(onConnection);
    servers.push(server);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

describe("clear errors in words", () => {
  it("names the port that is already in use", async () => {
    const port = await findFreePort();
    await listen(port);
    await expect(assertPortFree(port, "网站")).rejects.toThrow(new RegExp(`端口 ${port} 已被占用[\\s\\S]*Port ${port} is already in use`));
  });

  it("says the database refused the connection, naming host and port", async () => {
    const port = await findFreePort();
    await expect(assertDatabaseReachable(`postgresql://u:p@127.0.0.1:${port}/cms`, 2_000)).rejects.toThrow(
      `127.0.0.1:${port}`,
    );
  });

  it("gives up on a database that never answers within the limit, naming host and port", async () => {
    const port = await findFreePort();
    const sockets: net.Socket[] = [];
    await listen(port, (socket) => sockets.push(socket)); // accepts, then says nothing
    // The message is the timeout's own (not a refused connection): the limit ended the wait.
    await expect(assertDatabaseReachable(`postgresql://u:p@127.0.0.1:${port}/cms`, 1_000)).rejects.toThrow(
      new RegExp(`127\\.0\\.0\\.1:${port}.*1 秒内没有响应`),
    );
    sockets.forEach((s) => s.destroy());
  });

  it("refuses a data directory made by another PostgreSQL version", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cms-pgver-"));
    fs.writeFileSync(path.join(dir, "PG_VERSION"), "16\n");
    const bundled = bundledMajorVersion();
    await expect(startEmbeddedPostgres({ dataDir: dir, port: await findFreePort() })).rejects.toThrow(
      new RegExp(`PostgreSQL 16[\\s\\S]*PostgreSQL ${bundled}`),
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
