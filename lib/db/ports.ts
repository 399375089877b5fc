import net from "node:net";

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
  ) {
    super(
      `端口 ${port} 已被占用，${what} 无法启动。请关闭占用该端口的程序，或换一个端口（PORT=${port + 1}）。\n` +
        `Port ${port} is already in use, so ${what} cannot start. Stop the program using it or choose another port.`,
    );
    this.name = "PortInUseError";
  }
}

/** Resolves when nothing listens on `port` (checked on every local address), else throws. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free) throw new PortInUseError(port, what);
}

/** Asks the OS for a free port (for tests). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
