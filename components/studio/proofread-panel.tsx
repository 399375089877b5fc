"use client";

import type { ReportFinding } from "@/lib/reports/rules/proofreading";
import { findingKey, findingPlace } from "@/lib/reports/rules/proofreading";
import { format, messages } from "@/lib/i18n";

const t = messages.proofreading;
const SEVERITY_STYLE = { error: "bg-red-100 text-red-800", warning: "bg-amber-100 text-amber-900", hint: "bg-sky-100 text-sky-900" } as const;
const ORDER = { error: 0, warning: 1, hint: 2 } as const;

/** Findings in reading order within each severity, errors first. */
export function sortedFindings(findings: readonly ReportFinding[]): ReportFinding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
}

/** One finding: where, what, why, and the one-click fix when there is one. */
export function FindingItem(props: { finding: ReportFinding; onSelect?: () => void; onFix?: () => void }) {
  const { finding } = props;
  return (
    <li className="space-y-1 py-2 text-sm" data-testid="proofread-finding" data-severity={finding.severity} data-finding-key={findingKey(finding)}>
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 text-xs ${SEVERITY_STYLE[finding.severity]}`}>{t.severity[finding.severity]}</span>
        <span className="text-xs text-muted">{findingPlace(finding)}</span>
        {finding.text && (
          <button type="button" className="font-medium underline decoration-dotted" onClick={props.onSelect} disabled={!props.onSelect}>
            「{finding.text}」
          </button>
        )}
      </div>
      <p title={finding.source}>{finding.message}</p>
      {props.onFix && finding.suggestion !== undefined && (
        <button type="button" className="rounded border border-rule px-2 py-0.5 text-xs hover:bg-stone-100" onClick={props.onFix}>
          {finding.suggestion === "" ? t.delete : format(t.fix, { suggestion: finding.suggestion })}
        </button>
      )}
    </li>
  );
}

/** The side list of findings beside the text, for the editor and the reviewer alike. */
export function ProofreadPanel(props: {
  findings: ReportFinding[] | null;
  onSelect: (finding: ReportFinding) => void;
  onFix?: (finding: ReportFinding) => void;
}) {
  const { findings } = props;
  const counts = { error: 0, warning: 0, hint: 0 };
  findings?.forEach((f) => counts[f.severity]++);
  return (
    <section aria-labelledby="proofread-heading" className="rounded-lg border border-rule bg-white p-3" data-testid="proofread-panel">
      <h2 id="proofread-heading" className="flex items-center justify-between text-sm font-bold">
        <span>{t.title}</span>
        {findings && (
          <span className="text-xs font-normal text-muted">
            {t.severity.error} {counts.error} · {t.severity.warning} {counts.warning} · {t.severity.hint} {counts.hint}
          </span>
        )}
      </h2>
      {findings === null ? (
        <p className="mt-2 text-sm text-muted">{t.checking}</p>
      ) : findings.length === 0 ? (
        <p className="mt-2 text-sm text-green-800">{t.none}</p>
      ) : (
        <ul className="mt-1 max-h-96 divide-y divide-rule overflow-y-auto">
          {sortedFindings(findings).map((finding) => (
            <FindingItem
              key={findingKey(finding)}
              finding={finding}
              onSelect={() => props.onSelect(finding)}
              onFix={props.onFix && finding.suggestion !== undefined ? () => props.onFix!(finding) : undefined}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Before submitting: what is left, with the choice to go back or submit anyway. */
export function SubmitChecklist(props: { open: boolean; findings: ReportFinding[]; onSubmit: () => void; onClose: () => void }) {
  return (
    <dialog
      ref={(dialog) => {
        if (!dialog) return;
        if (props.open && !dialog.open) dialog.showModal();
        if (!props.open && dialog.open) dialog.close();
      }}
      onClose={props.onClose}
      className="m-auto w-[min(36rem,92vw)] rounded-lg p-0 shadow-xl backdrop:bg-black/40"
      data-testid="submit-checklist"
      aria-labelledby="submit-checklist-title"
    >
      <div className="space-y-3 p-5">
        <h2 id="submit-checklist-title" className="text-lg font-bold">
          {t.submitChecklistTitle}
        </h2>
        <p className="text-sm">{t.submitChecklistIntro}</p>
        <ul className="max-h-80 divide-y divide-rule overflow-y-auto">
          {sortedFindings(props.findings).map((finding) => (
            <FindingItem key={findingKey(finding)} finding={finding} />
          ))}
        </ul>
        <div className="flex justify-end gap-2">
          <button type="button" onClick={props.onClose} className="rounded border border-rule px-3 py-1.5">
            {t.backToEditing}
          </button>
          <button type="button" onClick={props.onSubmit} className="rounded bg-brand px-3 py-1.5 text-white">
            {t.submitAnyway}
          </button>
        </div>
      </div>
    </dialog>
  );
}
