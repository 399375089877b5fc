// Checks of a report's content that a transition requires (the `gates` of workflow.ts). Pure:
// each answers the refusal a person reads, or null when the report passes.
import { messages } from "@/lib/i18n";
import type { GateName } from "./workflow";

export interface GateFacts {
  title: string;
  plainText: string;
}

/** `***` stands where names or figures were removed from a text (see the redacted sample). */
export function hasRedactionPlaceholders(plainText: string): boolean {
  return /\*{3,}/.test(plainText) || /(?<![*\w])\*\*(?![*\w])/.test(plainText);
}

const GATES: Record<GateName, (report: GateFacts) => string | null> = {
  hasTitleAndBody: (report) =>
    !report.title.trim() ? messages.workflow.titleRequired : !report.plainText.trim() ? messages.workflow.bodyRequired : null,
  noPlaceholders: (report) => (hasRedactionPlaceholders(report.plainText) ? messages.workflow.placeholdersLeft : null),
};

/** The first refusal among `gates`, or null. */
export function failedGate(gates: readonly GateName[], report: GateFacts): string | null {
  for (const gate of gates) {
    const refusal = GATES[gate](report);
    if (refusal) return refusal;
  }
  return null;
}
