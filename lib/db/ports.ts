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
  if (!(await canListen(port))) throw new PortInUseError(port, what);
}

/**
 * Where findFreePort looks when FREE_PORT_RANGE ("from-to") is set. The tests give each worker
 * a range of its own below the kernel's ephemeral ports (tests/support/port-range.ts): a port the
 * kernel handed out could be given again, to another worker's server or to any outgoing
 * connection, between the moment it was chosen and the moment its server binds it (seconds, for
 * a Varnish started after a database). Unset, the kernel chooses.
 */
export function parsePortRange(text: string | undefined): { from: number; to: number } | null {
  const match = /^(\d+)-(\d+)$/.exec(text?.trim() ?? "");
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  return from >= 1024 && from <= to && to <= 65535 ? { from, to } : null;
}

/** Ports this process handed out from FREE_PORT_RANGE; never handed out twice. */
const handedOut = new Set<number>();

/** Whether `port` can be listened on, on every local address. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A free port for a server about to start: from FREE_PORT_RANGE if set, else the kernel's choice. */
export async function findFreePort(): Promise<number> {
  const range = parsePortRange(process.env.FREE_PORT_RANGE);
  if (!range) return askKernelForPort();
  const size = range.to - range.from + 1;
  // Start anywhere in the range: processes of one worker (a cluster's two app instances, each
  // choosing a port for its Next) search it at the same time.
  const start = Math.floor(Math.random() * size);
  for (let step = 0; step < size; step++) {
    const port = range.from + ((start + step) % size);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port left in FREE_PORT_RANGE ${range.from}-${range.to}.`);
}

function askKernelForPort(): Promise<number> {
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
