// The image's entry points, bundled as the Dockerfile bundles them (scripts/bundle-image.ts),
// must load under Node: the compose run found front.mjs dying at start with "Identifier
// 'createRequire' has already been declared" (the banner's import and the bundled module's).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleImage, ENTRIES } from "../../scripts/bundle-image";

// Inside the project, so that the packages left outside the bundles resolve from node_modules,
// as they do from the standalone output's node_modules in the image.
const outDir = path.join(".data", `image-bundles-${process.pid}`);

beforeAll(async () => {
  await bundleImage(outDir);
}, 120_000);
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe("the image's bundled entry points", () => {
  it.each(ENTRIES.map((entry) => entry.out))("%s parses as a module", (file) => {
    const check = spawnSync(process.execPath, ["--check", path.join(outDir, file)], { encoding: "utf8" });
    expect(check.stderr).toBe("");
    expect(check.status).toBe(0);
  });

  it("create-admin.mjs loads and answers with its usage when given nothing", () => {
    const run = spawnSync(process.execPath, [path.join(outDir, "create-admin.mjs")], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" },
    });
    expect(run.stderr).toContain("用法");
    expect(run.status).toBe(1);
  });
});
