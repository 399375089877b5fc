/** What the proofreading checker reports. Pure data: it runs in Node and, later, in a browser worker. */

/** error blocks approval; warning must be acknowledged by the reviewer; hint is advice only. */
export type Severity = "error" | "warning" | "hint";

/** Rule families, as the benchmark counts recall per family. */
export type RuleKind = "placeholder" | "punctuation" | "number" | "repeat" | "formulation" | "typo" | "style" | "structure";

export interface Finding {
  /** Stable id, `kind.name`, e.g. `punctuation.doubled`. */
  rule: string;
  kind: RuleKind;
  severity: Severity;
  /** UTF-16 offset and length in the checked text (for a report: in the field, or in the body's plain text). */
  offset: number;
  length: number;
  /** The flagged text itself. */
  text: string;
  /** For the author, in Simplified Chinese. */
  message: string;
  /** Replacement for `text`, when there is one ("" means delete). */
  suggestion?: string;
  /** Where the rule comes from (a standard, the formulation list…), in Chinese. */
  source: string;
}

/** A text finding before the policy gives it a severity. */
export type RawFinding = Omit<Finding, "severity" | "kind">;

export type TextRule = (text: string, context: RuleContext) => RawFinding[];

export interface RuleContext {
  /** Spans (URLs, e-mail addresses) where half-width marks and Latin letters are legitimate. */
  protectedSpans: Array<[number, number]>;
  isProtected(offset: number): boolean;
}
