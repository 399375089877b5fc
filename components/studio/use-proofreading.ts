"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { idleTask } from "@/components/editor/idle";
import type { ProofreadMark } from "@/components/editor/proofread-highlights";
import type { TiptapDoc } from "@/lib/content/validate";
import type { ReportFields } from "@/lib/reports/rules/fields";
import { findingKey, proofread, type ProofreadingExtras, type ReportFinding } from "@/lib/reports/rules/proofreading";

/** Pause after an edit before the text is checked again: the checker never runs on a keystroke. */
const CHECK_DELAY_MS = 600;

/**
 * The proofreading findings of the report as it is being edited. `changed` is cheap and may be
 * called on every change; the check itself runs once typing has paused, in an idle period.
 */
export function useProofreading(initial: { fields: ReportFields; content: TiptapDoc }, extras: ProofreadingExtras) {
  const latest = useRef(initial);
  const [findings, setFindings] = useState<ReportFinding[] | null>(null);
  const task = useRef<ReturnType<typeof idleTask> | null>(null);

  useEffect(() => {
    const check = idleTask(() => setFindings(proofread(latest.current, extras)), CHECK_DELAY_MS);
    task.current = check;
    check.schedule();
    return () => check.cancel();
  }, [extras]);

  const changed = useCallback((next: { fields: ReportFields; content: TiptapDoc }) => {
    latest.current = next;
    task.current?.schedule();
  }, []);

  return { findings, changed };
}

/** The body findings as the editor underlines them. */
export function marksOf(findings: readonly ReportFinding[]): ProofreadMark[] {
  return findings.flatMap((f) =>
    f.field === "body" && f.block && f.length > 0
      ? [{ key: findingKey(f), path: f.block.path, offset: f.block.offset, length: f.length, text: f.text, severity: f.severity }]
      : [],
  );
}
