import { checkText, type Finding } from "./index";

/** Findings of one kind in a sentence, as [rule, text, suggestion] for readable expectations. */
export function found(text: string, kind: Finding["kind"]): Array<[string, string, string | undefined]> {
  return checkText(text)
    .filter((finding) => finding.kind === kind)
    .map((finding) => [finding.rule, finding.text, finding.suggestion]);
}

export function kinds(text: string): string[] {
  return checkText(text).map((finding) => finding.kind);
}
