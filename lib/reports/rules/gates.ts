// Checks of a report's content that a transition requires (the `gates` of workflow.ts). Pure:
// each answers the refusal a person reads, or null when the report passes.
import { format, messages } from "@/lib/i18n";
import { mediaMessages } from "@/lib/i18n/media.zh-CN";
import { approvalRefusal, type Acknowledgement, type ReportFinding } from "./proofreading";
import type { GateName } from "./workflow";

export interface GateFacts {
  title: string;
  plainText: string;
  /** The proofreading findings of the version under review (computed only when a gate needs them). */
  findings?: ReportFinding[];
  acknowledgement?: Acknowledgement;
  /** Tiptap JSON of the body; needed only by figuresHaveAltText (callers load it when it is among the gates). */
  content?: unknown;
}

/**
 * Figures with a photo but no alt text: a reader who cannot see the photo learns nothing of
 * it. A figure still waiting for its photo (empty src) needs none yet.
 */
export function figuresWithoutAlt(content: unknown): number {
  let missing = 0;
  const walk = (node: unknown, depth: number) => {
    if (depth > 100 || typeof node !== "object" || node === null) return;
    const { type, attrs, content: children } = node as { type?: unknown; attrs?: Record<string, unknown>; content?: unknown };
    if (type === "figure" && typeof attrs?.src === "string" && attrs.src !== "" && !(typeof attrs.alt === "string" && attrs.alt.trim() !== "")) missing++;
    if (Array.isArray(children)) for (const child of children) walk(child, depth + 1);
  };
  walk(content, 0);
  return missing;
}

const GATES: Record<GateName, (report: GateFacts) => string | null> = {
  hasTitleAndBody: (report) =>
    !report.title.trim() ? messages.workflow.titleRequired : !report.plainText.trim() ? messages.workflow.bodyRequired : null,
  proofreadingPasses: (report) => approvalRefusal(report.findings ?? [], report.acknowledgement),
  figuresHaveAltText: (report) => {
    if (report.content === undefined) throw new Error("figuresHaveAltText needs the report's content");
    const count = figuresWithoutAlt(report.content);
    return count > 0 ? format(mediaMessages.gate.altRequired, { count }) : null;
  },
};

/** Whether any of `gates` needs the proofreading findings. */
export function gatesNeedProofreading(gates: readonly GateName[]): boolean {
  return gates.includes("proofreadingPasses");
}

/** The first refusal among `gates`, or null. */
export function failedGate(gates: readonly GateName[], report: GateFacts): string | null {
  for (const gate of gates) {
    const refusal = GATES[gate](report);
    if (refusal) return refusal;
  }
  return null;
}
