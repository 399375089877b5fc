"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ReportEditor } from "@/components/editor/report-editor";
import type { ReportEditorApi } from "@/components/editor/types";
import type { TextAnchor } from "@/lib/content/anchor";
import type { TiptapDoc } from "@/lib/content/validate";
import { getContentSchema } from "@/lib/content/extensions";
import { Node as PMNode } from "@tiptap/pm/model";
import { reportFieldsSchema, fieldErrorsOf, type FieldErrors, type ReportFields } from "@/lib/reports/rules/fields";
import type { Workspace } from "@/lib/reports/queries/workspace";
import type { ReportSnapshot } from "@/lib/reports/rules/compare-revisions";
import { formatDateTime, formatTime } from "@/lib/format";
import { ConflictComparison } from "@/components/report/revision-diff";
import { StatusBadge } from "@/components/ui/status-badge";
import { useHydrated } from "@/components/ui/use-hydrated";
import { format, messages } from "@/lib/i18n";
import {
  addCommentAction,
  approveReportAction,
  requestChangesAction,
  resolveCommentAction,
  startNewEditionAction,
  submitReportAction,
  unpublishReportAction,
  unscheduleReportAction,
  withdrawReportAction,
} from "@/lib/actions/reports";
import { toActionResult, type ActionResult } from "@/lib/actions/result";
import { FieldsForm } from "./fields-form";
import { CoverPicker } from "@/components/media/cover-picker";
import { CommentsPanel } from "./comments-panel";
import { PromptDialog } from "./prompt-dialog";
import { PreviewLinks } from "./preview-link";
import { importMessages } from "@/lib/i18n/import.zh-CN";
import { readBackup, clearBackup, type LocalBackup } from "./local-backup";
import { useAutosave, type SaveState } from "./use-autosave";
import { marksOf, useProofreading } from "./use-proofreading";
import { ProofreadPanel, SubmitChecklist, FindingItem, sortedFindings } from "./proofread-panel";
import { findingKey, type Acknowledgement, type ReportFinding } from "@/lib/reports/rules/proofreading";

type Dialog = null | "requestChanges" | "schedule" | "unpublish" | "comment" | "submitChecklist" | "acknowledge";

function statusText(state: SaveState): string {
  switch (state.kind) {
    case "idle":
      return "";
    case "dirty":
      return "有未保存的修改";
    case "saving":
      return "保存中…";
    case "saved":
      return `已保存 ${formatTime(state.at)}`;
    case "retrying":
      return "保存失败，正在重试（内容已保存在本机）";
    case "invalid":
      return `未保存：${state.message}`;
    case "conflict":
      return "保存冲突";
    case "signedOut":
      return "登录已失效，内容已保存在本机，请重新登录";
  }
}

function sameContent(a: TiptapDoc, b: TiptapDoc): boolean {
  try {
    const schema = getContentSchema();
    return PMNode.fromJSON(schema, a).eq(PMNode.fromJSON(schema, b));
  } catch {
    return false;
  }
}

function snapshotOf(fields: ReportFields, content: TiptapDoc): ReportSnapshot {
  return { ...fields, tags: [], issueDate: fields.issueDate || null, content };
}

/**
 * The editing page of one report: body, newspaper fields, save status, the workflow actions
 * the server allows this person, and the review threads. Every action is checked again on
 * the server; this component only offers what `can` says.
 */
export function ReportWorkspace({ report, can, comments, ownWords, approvers, proofreadingExtras }: Workspace) {
  const router = useRouter();
  const editable = can.edit;
  const [fields, setFields] = useState<ReportFields>(report.fields);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ kind: "error" | "info"; text: string } | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pendingAnchor, setPendingAnchor] = useState<TextAnchor | null>(null);
  const [activeComment, setActiveComment] = useState<string | null>(null);
  const [backup, setBackup] = useState<LocalBackup | null>(null);
  const [merging, setMerging] = useState<{ mine: ReportSnapshot; theirs: ReportSnapshot } | null>(null);
  const [busy, setBusy] = useState(false);
  // Until the page has hydrated, a click on an action would do nothing.
  const hydrated = useHydrated();
  const inactive = busy || !hydrated;
  const editorApi = useRef<ReportEditorApi | null>(null);
  const fieldsRef = useRef(fields);
  const { state, controller: autosave } = useAutosave({ reportId: report.id, initialVersion: report.version, enabled: editable });
  const proof = useProofreading({ fields: report.fields, content: report.content }, proofreadingExtras);
  const findings = proof.findings ?? [];
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  /** Warnings acknowledged for a scheduled publication, kept until the time is chosen. */
  const [acknowledgement, setAcknowledgement] = useState<Acknowledgement | null>(null);
  const [afterAcknowledge, setAfterAcknowledge] = useState<"approve" | "schedule">("approve");

  // Text that never reached the server (closed tab, crash, network) is offered back.
  useEffect(() => {
    const found = readBackup(report.id);
    if (!found) return;
    // Compared in the schema's canonical form: the server stores defaults the editor may omit.
    const same = sameContent(found.content, report.content) && JSON.stringify(found.fields) === JSON.stringify(report.fields);
    if (same || !editable) clearBackup(report.id);
    else setBackup(found); // eslint-disable-line react-hooks/set-state-in-effect -- read once from localStorage after mount
  }, [report.id, report.content, report.fields, editable]);

  const changed = useCallback(
    (nextFields: ReportFields, content: TiptapDoc) => {
      const parsed = reportFieldsSchema.safeParse(nextFields);
      setFieldErrors(parsed.success ? {} : fieldErrorsOf(parsed.error));
      autosave.change({ fields: nextFields, content }, parsed.success ? null : "请检查标出的字段，修正后将自动保存");
      proof.changed({ fields: nextFields, content });
    },
    [autosave, proof],
  );

  const onFieldsChange = (next: ReportFields) => {
    setFields(next);
    fieldsRef.current = next;
    changed(next, editorApi.current?.getJSON() ?? report.content);
  };
  const onBodyChange = useCallback((doc: TiptapDoc) => changed(fieldsRef.current, doc), [changed]);

  /** Runs a workflow action after the text is safely on the server. */
  async function act(action: () => Promise<Parameters<typeof toActionResult>[0]>, success?: string): Promise<string | null> {
    setBusy(true);
    setNotice(null);
    try {
      if (editable && !(await autosave.flush())) {
        const failure = "请先处理未保存的内容";
        setNotice({ kind: "error", text: failure });
        return failure;
      }
      const result: ActionResult = toActionResult(await action());
      if (!result.ok) {
        setNotice({ kind: "error", text: result.message });
        if (result.fieldErrors) setFieldErrors(result.fieldErrors);
        return result.message;
      }
      if (success) setNotice({ kind: "info", text: success });
      router.refresh();
      return null;
    } finally {
      setBusy(false);
    }
  }

  const markOf = (finding: ReportFinding) => marksOf([finding])[0];

  /** Shows a finding: selects its text in the body, or in the field it is in. */
  function selectFinding(finding: ReportFinding) {
    if (finding.field === "body") {
      const mark = markOf(finding);
      if (mark) editorApi.current?.revealProofread(mark);
      return;
    }
    const input = document.getElementById(`field-${finding.field}`) as HTMLInputElement | HTMLTextAreaElement | null;
    input?.focus();
    input?.setSelectionRange(finding.offset, finding.offset + finding.length);
  }

  /** The one-click fix: the suggestion replaces the flagged text, if it is still there. */
  function fixFinding(finding: ReportFinding) {
    const replacement = finding.suggestion ?? "";
    if (finding.field === "body") {
      const mark = markOf(finding);
      if (mark) editorApi.current?.fixProofread(mark, replacement);
      return;
    }
    const name = finding.field as keyof ReportFields;
    const value = fields[name];
    if (value === undefined || value.slice(finding.offset, finding.offset + finding.length) !== finding.text) return;
    onFieldsChange({ ...fields, [name]: value.slice(0, finding.offset) + replacement + value.slice(finding.offset + finding.length) });
  }

  const submit = () => act(() => submitReportAction({ reportId: report.id, expectedVersion: version() }), "已提交审核");
  const approve = (ack?: Acknowledgement) =>
    act(() => approveReportAction({ reportId: report.id, expectedVersion: version(), publishAt: null, acknowledgement: ack }), "已发布");

  const version = () => autosave.currentVersion;
  const w = messages.workflow;
  const t = w.actions;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Link href="/studio" className="text-sm text-muted hover:underline">
          ← {messages.studio.backToStudio}
        </Link>
        <StatusBadge status={report.status} />
        <span className="text-sm text-muted">{report.committeeName}</span>
        {report.hasLiveEdition && (
          <Link href={`/reports/${report.id}`} className="text-sm text-brand underline" target="_blank">
            {messages.studio.viewPublic}
          </Link>
        )}
        <Link href={`/studio/reports/${report.id}/history`} className="text-sm text-brand underline">
          修改历史
        </Link>
        <PreviewLinks reportId={report.id} />
        <a href={`/studio/reports/${report.id}/export.docx`} download className="text-sm text-brand underline" data-testid="export-docx">
          {importMessages.exportDocx}
        </a>
        {/* The preview is the public page's layout, whose print stylesheet lays out A4. */}
        <a href={`/studio/reports/${report.id}/preview`} target="_blank" rel="noopener" className="text-sm text-brand underline">
          {importMessages.print}
        </a>
        <span role="status" aria-live="polite" data-testid="save-status" className={`ml-auto text-sm ${state.kind === "retrying" || state.kind === "invalid" || state.kind === "signedOut" ? "text-red-700" : "text-muted"}`}>
          {statusText(state)}
        </span>
      </div>

      {report.changeRequest && (
        <div role="note" data-testid="change-request" className="rounded border-l-4 border-amber-500 bg-amber-50 p-3 text-sm">
          <strong>退回修改意见</strong>（{report.changeRequest.by}，{report.changeRequest.at}）：{report.changeRequest.comment}
        </div>
      )}
      {report.status === "SCHEDULED" && report.publishAt && (
        <p className="rounded bg-sky-50 p-3 text-sm">将于 {report.publishAt} 自动发布。</p>
      )}
      {can.startNewEdition && (
        <div role="note" data-testid="new-edition-offer" className="flex flex-wrap items-center gap-3 rounded border border-rule bg-white p-3 text-sm">
          <span>{report.status === "PUBLISHED" ? w.newEdition.offer : w.newEdition.offerUnpublished}</span>
          <button
            type="button"
            disabled={inactive}
            className="rounded bg-brand px-3 py-1.5 text-white disabled:opacity-60"
            onClick={() => act(() => startNewEditionAction({ reportId: report.id, expectedVersion: version() }), w.newEdition.started)}
          >
            {t.startNewEdition}
          </button>
        </div>
      )}
      {report.hasLiveEdition && report.status !== "PUBLISHED" && (
        <p role="note" data-testid="new-edition-drafting" className="rounded bg-green-50 p-3 text-sm">{w.newEdition.drafting}</p>
      )}
      {ownWords && (
        <div role="note" data-testid="two-person-rule" className="rounded border-l-4 border-sky-600 bg-sky-50 p-3 text-sm">
          <p>{w.twoPerson.ownWords}</p>
          <p className="mt-1">{approvers.length > 0 ? format(w.twoPerson.approvers, { names: approvers.join("、") }) : w.twoPerson.noApprover}</p>
        </div>
      )}
      {report.status === "SUBMITTED" && !ownWords && !can.approve && (
        <p role="note" data-testid="awaiting-review" className="rounded bg-sky-50 p-3 text-sm">
          {approvers.length > 0 ? format(w.twoPerson.waiting, { names: approvers.join("、") }) : w.twoPerson.noApprover}
        </p>
      )}
      {notice && (
        <p role="alert" className={`rounded p-3 text-sm ${notice.kind === "error" ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"}`}>
          {notice.text}
        </p>
      )}
      {backup && (
        <div role="alert" className="flex flex-wrap items-center gap-3 rounded border border-amber-400 bg-amber-50 p-3 text-sm" data-testid="backup-offer">
          <span>发现 {formatDateTime(new Date(backup.at))} 未保存到服务器的内容。</span>
          <button
            type="button"
            className="rounded bg-brand px-3 py-1 text-white"
            onClick={() => {
              editorApi.current?.setContent(backup.content);
              setFields(backup.fields);
              fieldsRef.current = backup.fields;
              autosave.resolveConflict(backup.version, { fields: backup.fields, content: backup.content });
              setBackup(null);
            }}
          >
            恢复这些内容
          </button>
          <button type="button" className="rounded border border-rule px-3 py-1" onClick={() => (clearBackup(report.id), setBackup(null))}>
            丢弃
          </button>
        </div>
      )}
      {state.kind === "conflict" && (
        <section aria-labelledby="conflict-heading" className="space-y-3 rounded border-2 border-red-300 bg-white p-4" data-testid="conflict">
          <h2 id="conflict-heading" className="font-bold text-red-800">
            保存冲突：{state.message}
          </h2>
          <p className="text-sm">两个版本都保留着，请选择保留哪一个，或在编辑器中合并后继续保存。</p>
          <ConflictComparison
            mine={snapshotOf(state.mine.fields, state.mine.content)}
            theirs={snapshotOf(state.server.fields, state.server.content)}
            mineLabel="我的版本（未保存）"
            theirsLabel={`${state.server.savedBy} ${state.server.savedAt} 保存的版本`}
          />
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="rounded bg-brand px-3 py-1.5 text-sm text-white"
              onClick={() => autosave.resolveConflict(state.server.version, { fields, content: editorApi.current!.getJSON() })}
            >
              保留我的版本
            </button>
            <button
              type="button"
              className="rounded border border-rule px-3 py-1.5 text-sm"
              onClick={() => {
                editorApi.current?.setContent(state.server.content);
                setFields(state.server.fields);
                fieldsRef.current = state.server.fields;
                autosave.adopt(state.server.version);
              }}
            >
              采用对方的版本
            </button>
            <button
              type="button"
              className="rounded border border-rule px-3 py-1.5 text-sm"
              onClick={() => {
                const content = editorApi.current!.getJSON();
                setMerging({ mine: snapshotOf(fields, content), theirs: snapshotOf(state.server.fields, state.server.content) });
                autosave.resolveConflict(state.server.version, { fields, content });
              }}
            >
              手动合并
            </button>
          </div>
        </section>
      )}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="min-w-0 space-y-3">
          <div>
            <ReportEditor
              initialContent={report.content}
              editable={editable}
              onChange={onBodyChange}
              onReady={(api) => (editorApi.current = api)}
              comments={comments.map((c) => ({ id: c.id, anchor: { quote: c.quote, prefix: c.prefix, suffix: c.suffix }, resolved: c.resolved }))}
              proofreadMarks={marksOf(findings)}
              activeCommentId={activeComment}
              onCommentClick={setActiveComment}
              onRequestComment={can.comment ? (anchor) => (setPendingAnchor(anchor), setDialog("comment")) : undefined}
              ariaLabel="正文"
              mediaCommitteeId={report.committeeId}
            />
          </div>
          {merging && (
            <section className="rounded border border-rule bg-white p-3" aria-labelledby="theirs-heading">
              <div className="flex items-center justify-between">
                <h2 id="theirs-heading" className="text-sm font-bold">对方的版本（供合并参考）</h2>
                <button type="button" className="text-sm underline" onClick={() => setMerging(null)}>
                  关闭
                </button>
              </div>
              <ConflictComparison mine={merging.mine} theirs={merging.theirs} mineLabel="我的版本（合并前）" theirsLabel="对方的版本" />
            </section>
          )}
        </div>

        <aside className="space-y-5">
          <div className="flex flex-wrap gap-2" data-testid="workflow-actions">
            {can.submit && (
              <button
                type="button"
                // Until the first check has run, a click would skip the checklist of what remains.
                disabled={inactive || proof.findings === null}
                className="rounded bg-brand px-3 py-1.5 text-sm text-white disabled:opacity-60"
                onClick={() => (errors.length + warnings.length > 0 ? setDialog("submitChecklist") : submit())}
              >
                {t.submit}
              </button>
            )}
            {can.withdraw && (
              <button type="button" disabled={inactive} className="rounded border border-rule px-3 py-1.5 text-sm" onClick={() => act(() => withdrawReportAction({ reportId: report.id }))}>
                {t.withdraw}
              </button>
            )}
            {can.approve && (
              <button
                type="button"
                // Until the check has run, nobody can know what must be acknowledged.
                disabled={inactive || proof.findings === null || errors.length > 0}
                className="rounded bg-green-700 px-3 py-1.5 text-sm text-white disabled:opacity-60"
                onClick={() => (warnings.length > 0 ? (setAfterAcknowledge("approve"), setDialog("acknowledge")) : approve())}
              >
                {t.approve}
              </button>
            )}
            {can.schedule && (
              <button
                type="button"
                disabled={inactive || proof.findings === null || errors.length > 0}
                className="rounded border border-rule px-3 py-1.5 text-sm"
                onClick={() => (warnings.length > 0 && !acknowledgement ? (setAfterAcknowledge("schedule"), setDialog("acknowledge")) : setDialog("schedule"))}
              >
                {t.schedule}
              </button>
            )}
            {can.requestChanges && (
              <button type="button" disabled={inactive} className="rounded border border-amber-500 px-3 py-1.5 text-sm text-amber-800" onClick={() => setDialog("requestChanges")}>
                {t.requestChanges}
              </button>
            )}
            {can.unschedule && (
              <button type="button" disabled={inactive} className="rounded border border-rule px-3 py-1.5 text-sm" onClick={() => act(() => unscheduleReportAction({ reportId: report.id }))}>
                {t.unschedule}
              </button>
            )}
            {can.unpublish && (
              <button type="button" disabled={inactive} className="rounded border border-red-600 px-3 py-1.5 text-sm text-red-700" onClick={() => setDialog("unpublish")}>
                {t.unpublish}
              </button>
            )}
          </div>
          {(can.approve || can.schedule) && errors.length > 0 && (
            <p role="note" data-testid="approve-blocked" className="rounded bg-red-50 p-2 text-sm text-red-800">
              {format(messages.proofreading.approveBlocked, { count: errors.length })}
            </p>
          )}
          <ProofreadPanel findings={proof.findings} onSelect={selectFinding} onFix={editable ? fixFinding : undefined} />
          <CoverPicker reportId={report.id} committeeId={report.committeeId} initial={report.cover} editable={editable} />
          <div className="rounded-lg border border-rule bg-white p-3">
            <FieldsForm fields={fields} errors={fieldErrors} editable={editable} showCorrectionNote={report.hasLiveEdition || fields.correctionNote !== ""} columnChoices={report.columnChoices} onChange={onFieldsChange} />
          </div>
          <CommentsPanel
            threads={comments}
            activeId={activeComment}
            canReply={can.comment}
            canResolve={can.resolveComment}
            onSelect={setActiveComment}
            onReply={(threadId, body) => act(() => addCommentAction({ reportId: report.id, comment: { body, parentId: threadId } }))}
            onResolve={async (threadId, resolved) => void (await act(() => resolveCommentAction({ reportId: report.id, commentId: threadId, resolved })))}
          />
        </aside>
      </div>

      <PromptDialog
        open={dialog === "requestChanges"}
        title={t.requestChanges}
        label="修改意见（必填，编辑会看到）"
        input="textarea"
        confirmLabel={t.requestChanges}
        requiredMessage={messages.workflow.commentRequired}
        onConfirm={(comment) => act(() => requestChangesAction({ reportId: report.id, comment }), "已退回修改")}
        onClose={() => setDialog(null)}
      />
      <PromptDialog
        open={dialog === "schedule"}
        title={t.schedule}
        label="发布时间"
        input="datetime"
        confirmLabel={t.schedule}
        requiredMessage="请选择发布时间"
        onConfirm={(local) =>
          act(
            () =>
              approveReportAction({
                reportId: report.id,
                expectedVersion: version(),
                publishAt: new Date(local).toISOString(),
                acknowledgement: acknowledgement ?? undefined,
              }),
            "已定时发布",
          )
        }
        onClose={() => setDialog(null)}
      />
      <SubmitChecklist
        open={dialog === "submitChecklist"}
        findings={[...errors, ...warnings]}
        onClose={() => setDialog(null)}
        onSubmit={() => {
          setDialog(null);
          void submit();
        }}
      />
      <PromptDialog
        open={dialog === "acknowledge"}
        title={messages.proofreading.acknowledgeTitle}
        label={messages.proofreading.acknowledgeReason}
        input="textarea"
        confirmLabel={afterAcknowledge === "approve" ? messages.proofreading.acknowledgeConfirm : t.schedule}
        requiredMessage={messages.proofreading.reasonRequired}
        onConfirm={async (reason) => {
          const ack = { keys: warnings.map(findingKey), reason };
          if (afterAcknowledge === "schedule") {
            setAcknowledgement(ack);
            setDialog("schedule");
            return null;
          }
          return approve(ack);
        }}
        onClose={() => setDialog((current) => (current === "acknowledge" ? null : current))}
      >
        <p className="text-sm">{messages.proofreading.acknowledgeIntro}</p>
        <ul className="max-h-60 divide-y divide-rule overflow-y-auto" data-testid="acknowledge-list">
          {sortedFindings(warnings).map((finding) => (
            <FindingItem key={findingKey(finding)} finding={finding} />
          ))}
        </ul>
      </PromptDialog>
      <PromptDialog
        open={dialog === "unpublish"}
        title={t.unpublish}
        label="撤稿原因（必填）"
        input="textarea"
        confirmLabel={t.unpublish}
        requiredMessage={messages.workflow.reasonRequired}
        onConfirm={(reason) => act(() => unpublishReportAction({ reportId: report.id, reason }), "已撤稿")}
        onClose={() => setDialog(null)}
      />
      <PromptDialog
        open={dialog === "comment"}
        title="评论选中的文字"
        label={pendingAnchor ? `「${pendingAnchor.quote.slice(0, 60)}」` : "评论"}
        input="textarea"
        confirmLabel="发表评论"
        requiredMessage="请输入评论内容"
        onConfirm={(body) => act(() => addCommentAction({ reportId: report.id, comment: { body, anchor: pendingAnchor } }))}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
