// Checks of a report's content that a transition requires (the `gates` of workflow.ts). Pure:
// each answers the refusal a person reads, or null when the report passes.
import { messages } from "@/lib/i18n";
import { approvalRefusal, type Acknowledgement, type ReportFinding } from "./proofreading";
import type { GateName } from "./workflow";

export interface GateFacts {
  title: string;
  plainText: string;
  /** The proofreading findings of the version under review (computed only when a gate needs them). */
  findings?: ReportFinding[];
  acknowledgement?: Acknowledgement;
}

const GATES: Record<GateName, (report: GateFacts) => string | null> = {
  hasTitleAndBody: (report) =>
    !report.title.trim() ? messages.workflow.titleRequired : !report.plainText.trim() ? messages.workflow.bodyRequired : null,
  proofreadingPasses: (report) => approvalRefusal(report.findings ?? [], report.acknowledgement),
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
