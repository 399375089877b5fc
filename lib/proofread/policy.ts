import type { RuleKind, Severity } from "./types";

/**
 * The severity policy, in one place.
 *
 * - error: the text must not be published as it stands (placeholders left by
 *   redaction or drafting, a reprint without 来源).
 * - warning: very probably wrong, a reviewer acknowledges it (a figure still waiting for its
 *   photo, which may be published as its caption alone; near-misses of
 *   standard formulations, curated typos, punctuation and number forms that
 *   GB/T 15834/15835 rule out, accidental repetition).
 * - hint: usage that style guides prefer but that is not wrong in itself
 *   (discouraged forms, 顿号 between 书名号, half-width brackets, empty paragraphs).
 *
 * A rule that is not listed falls back to its kind's default.
 */
const KIND_DEFAULT: Record<RuleKind, Severity> = {
  placeholder: "error",
  punctuation: "warning",
  number: "warning",
  repeat: "warning",
  formulation: "warning",
  typo: "warning",
  style: "hint",
  structure: "warning",
};

const RULE_SEVERITY: Record<string, Severity> = {
  "punctuation.halfwidth-bracket": "hint",
  "punctuation.dunhao-between-titles": "hint",
  "punctuation.ellipsis-with-deng": "hint",
  "number.ling-circle": "hint",
  "number.quote-fixed-term": "hint",
  "style.discouraged": "hint",
  "style.discouraged-strong": "warning",
  "structure.empty-paragraph": "hint",
  "structure.figure-no-image": "warning",
  "structure.reprint-no-source": "error",
};

export function severityOf(rule: string): Severity {
  const listed = RULE_SEVERITY[rule];
  if (listed) return listed;
  return KIND_DEFAULT[kindOf(rule)];
}

export function kindOf(rule: string): RuleKind {
  return rule.slice(0, rule.indexOf(".")) as RuleKind;
}
