// setupFiles of the integration and browser tests: each worker chooses the ports of the servers
// it starts (PostgreSQL, Next, the cluster's nginx, Varnish and PgBouncer) from a range of its
// own, below the kernel's ephemeral ports (32768–60999 on Linux). The kernel's choice (port 0)
// is free only at the moment it is made: before the server binds it, another worker's server
// or any outgoing connection can be given the same port. Child processes inherit the range.
const worker = Number(process.env.VITEST_POOL_ID ?? "1");
const SIZE = 4000;
const FIRST = 12_000;
const from = FIRST + (worker - 1) * SIZE;
if (Number.isInteger(worker) && worker >= 1 && from + SIZE - 1 < 32_768) {
  process.env.FREE_PORT_RANGE = `${from}-${from + SIZE - 1}`;
}
