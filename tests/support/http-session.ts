// A signed-in person over plain HTTP, without a browser: next-auth's credentials flow, and the
// app's server actions called as the studio's forms call them (POST with a Next-Action header).
// Used where what matters is which server receives the request (the cluster test, benchmarks).
import fs from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "../../prisma/demo-data";

/** next-auth's credentials flow over HTTP; returns the Cookie header of the session. */
export async function signInOverHttp(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  // `__Secure-` prefixed when NEXTAUTH_URL is https (the cluster), plain otherwise.
  const session = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => /^(__Secure-)?next-auth\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in as ${username} failed (HTTP ${res.status})`);
  return session;
}

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename: string;
  exportedName: string;
}

/** The id Next gave server action `exportedName` of `filename` in the build in `distDir`. */
export function serverActionId(distDir: string, filename: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === filename && entry.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} of ${filename} in ${distDir}`);
  return found[0];
}

/**
 * Calls a server action of the build in `distDir` on the page at `pagePath` of `baseUrl`, as a
 * form of that page would, with one argument (a plain object: encoded as React encodes it).
 * Returns the raw response (Next's RSC stream holds the action's result).
 */
export async function callServerAction(options: {
  baseUrl: string;
  distDir: string;
  cookie: string;
  pagePath: string;
  action: { filename: string; exportedName: string };
  input: unknown;
}): Promise<{ status: number; body: string }> {
  const id = serverActionId(options.distDir, options.action.filename, options.action.exportedName);
  const res = await fetch(`${options.baseUrl}${options.pagePath}`, {
    method: "POST",
    headers: {
      "next-action": id,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: options.baseUrl,
      cookie: options.cookie,
    },
    body: JSON.stringify([options.input]),
  });
  return { status: res.status, body: await res.text() };
}
