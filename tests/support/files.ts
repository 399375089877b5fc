// Files under a folder, for tests that check what a store wrote (or did not).
import fs from "node:fs/promises";
import path from "node:path";

/** Paths of every file below `dir`, relative to it, sorted; [] when it does not exist. */
export async function storedFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (at: string) => {
    for (const entry of await fs.readdir(at, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory()) await walk(path.join(at, entry.name));
      else found.push(path.relative(dir, path.join(at, entry.name)));
    }
  };
  await walk(dir);
  return found.sort();
}
