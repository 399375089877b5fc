// What the production build takes along: the server's file traces (`*.nft.json`, from which
// `output: "standalone"` copies files into the image) list packages and the build's own chunks,
// never the project's sources. A dynamic path in a route's code (a folder chosen at run time, a
// program to run) made Turbopack trace the whole project, and the image carried every source and
// test file (609 of them); `/*turbopackIgnore: true*/` marks those paths.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { browserAvailable } from "../support/browser";
import { DIST_DIR } from "../support/e2e-setup";

function tracedFiles(dir: string): { trace: string; file: string }[] {
  const out: { trace: string; file: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".nft.json")) continue;
    const trace = path.join(entry.parentPath, entry.name);
    const { files } = JSON.parse(fs.readFileSync(trace, "utf8")) as { files: string[] };
    for (const file of files) out.push({ trace: path.relative(DIST_DIR, trace), file: path.relative(process.cwd(), path.resolve(entry.parentPath, file)) });
  }
  return out;
}

// The build is made by the browser tests' setup, which skips it without a Chromium.
describe.skipIf(!browserAvailable())("the production build", () => {
  it("traces none of the project's own files into the server output", () => {
    const traced = tracedFiles(path.join(DIST_DIR, "server"));
    expect(traced.length).toBeGreaterThan(100);
    const own = traced.filter(({ file }) => !file.split(path.sep).includes("node_modules") && !file.startsWith(DIST_DIR + path.sep));
    expect(own.slice(0, 10)).toEqual([]);
  });
});
