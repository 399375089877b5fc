// What the tests of the production shape (deploy/) share: finding Debian's programs, free
// loopback ports, waiting for a condition, and copies of the shipped configuration files with
// only what docker-compose.yml fixes (listening ports, the services' addresses, file paths)
// replaced — so that what the tests run is what production runs.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { findFreePort } from "../../lib/db/ports";

export const DEPLOY = path.resolve("deploy");
const run = promisify(execFile);

/** A program from the Debian packages, also where a non-root PATH lacks /usr/sbin. */
export function findProgram(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin", "/sbin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export const xkeyInstalled = (): boolean =>
  ["x86_64", "aarch64"].some((arch) => fs.existsSync(`/usr/lib/${arch}-linux-gnu/varnish/vmods/libvmod_xkey.so`));

/** A folder the unprivileged users the programs switch to (varnish, postgres, www-data) can read. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** `count` distinct free TCP ports on the loopback address. */
export async function freeLoopbackPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await findFreePort();
    // The kernel's choices (without FREE_PORT_RANGE) may repeat once a probe is closed.
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** Waits until `condition` holds, checking every `every` ms; a generous deadline, never a limit of speed. */
export async function waitFor(condition: () => Promise<boolean> | boolean, what: string, ms = 60_000, every = 100) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** Replaces `from` with `to`, insisting that `from` is there (the shipped file changed otherwise). */
export function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`expected "${from}" in the shipped configuration`);
  return text.split(from).join(to);
}

/** Starts a server in the foreground, its output in `logFile` (a file, as in a container). */
export function startProgram(command: string, args: string[], logFile: string): ChildProcess {
  const log = fs.openSync(logFile, "a");
  const child = spawn(command, args, { stdio: ["ignore", log, log] });
  fs.closeSync(log);
  return child;
}

export async function stopProgram(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

/**
 * deploy/nginx in `dir` as in the container, on loopback ports: the edge (plain HTTP and TLS with
 * a throwaway certificate for `localhost`), the inner load balancer, Varnish's address and one
 * upstream server per app instance (the shipped file has two). Returns the certificate to trust.
 */
export async function layOutNginx(
  dir: string,
  ports: { http: number; https: number; inner: number; varnish: number; apps: [number, number] },
): Promise<Buffer> {
  fs.cpSync(path.join(DEPLOY, "nginx"), dir, { recursive: true });
  fs.copyFileSync("/etc/nginx/mime.types", path.join(dir, "mime.types"));
  fs.mkdirSync(path.join(dir, "tls"), { recursive: true });
  await run(findProgram("openssl")!, [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
    "-keyout", path.join(dir, "tls/privkey.pem"), "-out", path.join(dir, "tls/fullchain.pem"),
  ]);
  let conf = fs.readFileSync(path.join(DEPLOY, "nginx/nginx.conf"), "utf8");
  conf = swap(conf, "listen 80 default_server;", `listen 127.0.0.1:${ports.http} default_server;`);
  conf = swap(conf, "listen 443 ssl http2 default_server;", `listen 127.0.0.1:${ports.https} ssl http2 default_server;`);
  conf = swap(conf, "listen 8080;", `listen 127.0.0.1:${ports.inner};`);
  conf = swap(conf, "server 172.30.53.20:80;", `server 127.0.0.1:${ports.varnish};`);
  conf = swap(conf, "server 172.30.55.11:3000 ", `server 127.0.0.1:${ports.apps[0]} `);
  conf = swap(conf, "server 172.30.55.12:3000 ", `server 127.0.0.1:${ports.apps[1]} `);
  fs.writeFileSync(path.join(dir, "nginx.conf"), conf);
  return fs.readFileSync(path.join(dir, "tls/fullchain.pem"));
}

/** nginx in the foreground on the configuration `layOutNginx` wrote; output in nginx.log. */
export function startNginx(dir: string): ChildProcess {
  return startProgram(
    findProgram("nginx")!,
    ["-e", "stderr", "-p", `${dir}/`, "-c", path.join(dir, "nginx.conf"), "-g", `daemon off; pid ${path.join(dir, "nginx.pid")};`],
    path.join(dir, "nginx.log"),
  );
}

/**
 * deploy/varnish (default.vcl with its backend at the inner nginx, cms.vcl as shipped) under
 * `dir`/varnish, and varnishd in the foreground on `port`, its work directory (-n) in there too;
 * output in varnish.log.
 */
export function startVarnish(dir: string, ports: { varnish: number; inner: number }): ChildProcess {
  const vdir = path.join(dir, "varnish");
  fs.mkdirSync(vdir, { recursive: true });
  fs.copyFileSync(path.join(DEPLOY, "varnish/cms.vcl"), path.join(vdir, "cms.vcl"));
  let vcl = fs.readFileSync(path.join(DEPLOY, "varnish/default.vcl"), "utf8");
  vcl = swap(vcl, '.host = "172.30.53.10";', '.host = "127.0.0.1";');
  vcl = swap(vcl, '.port = "8080";', `.port = "${ports.inner}";`);
  fs.writeFileSync(path.join(vdir, "default.vcl"), vcl);
  fs.chmodSync(vdir, 0o755);
  return startProgram(
    findProgram("varnishd")!,
    ["-F", "-f", path.join(vdir, "default.vcl"), "-a", `127.0.0.1:${ports.varnish}`, "-T", "127.0.0.1:0", "-n", path.join(vdir, "work"), "-s", "malloc,64m"],
    path.join(dir, "varnish.log"),
  );
}

/**
 * deploy/pgbouncer/pgbouncer.ini in front of the PostgreSQL database at `directUrl`, listening on
 * loopback `port`, with its user list written from that URL's credentials. Resolves once
 * PgBouncer is up; `url` is `directUrl` through it.
 */
export async function startPgBouncer(dir: string, directUrl: string, port: number): Promise<{ child: ChildProcess; url: string; log: () => string }> {
  const direct = new URL(directUrl);
  const database = direct.pathname.slice(1);
  const shipped = fs.readFileSync(path.join(DEPLOY, "pgbouncer/pgbouncer.ini"), "utf8");
  const ini = shipped
    .replace(/^cms = .*$/m, `${database} = host=${direct.hostname} port=${direct.port} dbname=${database}`)
    .replace(/^listen_addr = .*$/m, "listen_addr = 127.0.0.1")
    .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
    .replace(/^auth_file = .*$/m, `auth_file = ${path.join(dir, "userlist.txt")}`);
  if (!/^pool_mode = transaction$/m.test(ini)) throw new Error("deploy/pgbouncer/pgbouncer.ini no longer says pool_mode = transaction");
  fs.writeFileSync(path.join(dir, "pgbouncer.ini"), ini);
  fs.writeFileSync(
    path.join(dir, "userlist.txt"),
    fs
      .readFileSync(path.join(DEPLOY, "pgbouncer/userlist.txt.template"), "utf8")
      .replace('"cms"', `"${decodeURIComponent(direct.username)}"`)
      .replace("${POSTGRES_PASSWORD}", decodeURIComponent(direct.password)),
  );
  fs.chmodSync(path.join(dir, "userlist.txt"), 0o644);
  // PgBouncer refuses to run as root; Debian's package brings the postgres user.
  const asRoot = process.getuid?.() === 0;
  const child = spawn(findProgram("pgbouncer")!, [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  await waitFor(() => log.includes("process up") || child.exitCode !== null, "PgBouncer start", 60_000, 50);
  if (child.exitCode !== null) throw new Error(`PgBouncer exited:\n${log}`);
  const url = new URL(directUrl);
  url.host = `127.0.0.1:${port}`;
  return { child, url: url.toString(), log: () => log };
}
