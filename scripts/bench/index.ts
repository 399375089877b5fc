// npm run bench [-- save|editor|pages|lighthouse|render|search|listings|stats|media|proofread|import|cluster]   (default: all)
// Figures are printed, not asserted: speed is measured here, never in `npm test`.
import { startHarness } from "./harness";
import { benchSaveRoundTrip } from "./save-roundtrip";
import { benchEditorKeystroke } from "./editor-keystroke";
import { benchPages } from "./pages";
import { benchSearch } from "./search";
import { benchProofread } from "./proofread";
import { benchMedia } from "./media";
import { benchStats } from "./stats";
import { benchImport } from "./import";
import { benchLighthouse } from "./lighthouse";
import { benchCluster } from "./cluster";
import { missingClusterPrograms } from "../../tests/support/cluster";
import { benchListings } from "./listings";
import { benchRender } from "./render";

const BENCHES = {
  save: benchSaveRoundTrip,
  editor: benchEditorKeystroke,
  pages: benchPages,
  lighthouse: benchLighthouse,
  render: benchRender,
} as const;
/** Benches that need only a database of their own (no site build, no server). */
const DATABASE_BENCHES = {
  search: benchSearch,
  stats: benchStats,
  listings: benchListings,
  import: benchImport,
  // Needs not even a database: image processing and the local store only.
  media: benchMedia,
} as const;
/** Benches that start what they need themselves (the cluster: its own build, database and servers). */
const OWN_BENCHES = {
  cluster: benchCluster,
} as const;
/** Benches that need nothing but the code (no database, no site). */
const PURE_BENCHES = {
  proofread: benchProofread,
} as const;

async function main() {
  const args = process.argv.slice(2);
  const wanted = args.filter((a) => a in BENCHES) as (keyof typeof BENCHES)[];
  const wantedDb = args.filter((a) => a in DATABASE_BENCHES) as (keyof typeof DATABASE_BENCHES)[];
  const wantedPure = args.filter((a) => a in PURE_BENCHES) as (keyof typeof PURE_BENCHES)[];
  const wantedOwn = args.filter((a) => a in OWN_BENCHES) as (keyof typeof OWN_BENCHES)[];
  const all = wanted.length === 0 && wantedDb.length === 0 && wantedPure.length === 0 && wantedOwn.length === 0;
  const selected = all ? (Object.keys(BENCHES) as (keyof typeof BENCHES)[]) : wanted;
  if (selected.length > 0) {
    const harness = await startHarness();
    try {
      for (const name of selected) await BENCHES[name](harness);
    } finally {
      await harness.stop();
    }
  }
  for (const name of all ? (Object.keys(DATABASE_BENCHES) as (keyof typeof DATABASE_BENCHES)[]) : wantedDb) {
    await DATABASE_BENCHES[name]();
  }
  for (const name of all ? (Object.keys(PURE_BENCHES) as (keyof typeof PURE_BENCHES)[]) : wantedPure) {
    await PURE_BENCHES[name]();
  }
  // The cluster needs nginx, Varnish and PgBouncer: part of "all" only where they are installed.
  const clusterPossible = missingClusterPrograms({ chromium: false }).length === 0;
  for (const name of all ? (clusterPossible ? (Object.keys(OWN_BENCHES) as (keyof typeof OWN_BENCHES)[]) : []) : wantedOwn) {
    await OWN_BENCHES[name]();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
