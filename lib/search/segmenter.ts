// Chinese word segmentation of long query runs with jieba (@node-rs/jieba: a native module,
// listed in next.config.ts serverExternalPackages, with its dictionary in the npm package).
// The dictionary is parsed on first use, about 0.2 s once per process.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";

let jieba: Jieba | null = null;

/** The words of a run of Han characters, in order (accurate mode, no HMM guessing). */
export function segmentWords(run: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(run, false).filter((word) => word.trim() !== "");
}
