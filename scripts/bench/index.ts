// npm run bench [-- save|editor]   (default: all)
// Figures are printed, not asserted: speed is measured here, never in `npm test`.
import { startHarness } from "./harness";
import { benchSaveRoundTrip } from "./save-roundtrip";
import { benchEditorKeystroke } from "./editor-keystroke";

const BENCHES = {
  save: benchSaveRoundTrip,
  editor: benchEditorKeystroke,
} as const;

async function main() {
  const wanted = process.argv.slice(2).filter((a) => a in BENCHES) as (keyof typeof BENCHES)[];
  const selected = wanted.length > 0 ? wanted : (Object.keys(BENCHES) as (keyof typeof BENCHES)[]);
  const harness = await startHarness();
  try {
    for (const name of selected) await BENCHES[name](harness);
  } finally {
    await harness.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
