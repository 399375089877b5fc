// One autocannon run in a process of its own (scripts/bench/pages.ts forks it and sends the
// options). The front server under test runs in the bench process, as it runs alone in its
// process under `npm start`; were autocannon in that process too, the two would take turns on
// one thread and the front would be measured at half its speed next to nginx, which has
// processes of its own. (Not a worker thread: autocannon inside one acts as a worker of its own
// multi-thread mode and returns no summary.) Plain JavaScript, so no loader is needed.
import autocannon from "autocannon";

process.once("message", async (/** @type {{ options: import("autocannon").Options, paths?: string[] }} */ { options, paths }) => {
  let next = 0;
  const requests = paths && [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }];
  const cpu = process.cpuUsage();
  const result = await autocannon({ ...options, ...(requests ? { requests } : {}) });
  const used = process.cpuUsage(cpu);
  process.send(
    {
      requests: result.requests.total,
      clientCpuMicroseconds: used.user + used.system,
      requestsPerSecond: result.requests.average,
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
    },
    () => process.exit(0),
  );
});
