/**
 * Readable comparisons of two report versions (see lib/reports/rules/compare-revisions.ts).
 *
 * Presentational and server-compatible: props in, markup out, no state. The
 * unchanged stretches fold into <details>, which needs no JavaScript.
 * Colour is never the only signal: every change carries a text tag, and
 * inline insertions/deletions are announced to screen readers.
 */
import { Fragment, type ReactNode } from "react";
import { format } from "@/lib/i18n";
import { diffMessages } from "@/lib/i18n/diff.zh-CN";
import type { BlockChange, DiffBlock, InlinePart } from "@/lib/content/diff";
import { diffReports, type FieldChange, type ReportDiff, type ReportSnapshot } from "@/lib/reports/rules/compare-revisions";

const t = diffMessages.compare;
const tc = diffMessages.conflict;

/** Long unbroken strings (links, figures) must wrap at 360px. */
const WRAP = "whitespace-pre-wrap [overflow-wrap:anywhere]";

// ---------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------

function Ins({ children }: { children: ReactNode }) {
  return (
    <ins className="rounded-sm bg-green-100 px-0.5 text-green-900 underline decoration-green-800 decoration-2 underline-offset-4">
      <span className="sr-only">{t.insertionStart}</span>
      {children}
      <span className="sr-only">{t.insertionEnd}</span>
    </ins>
  );
}

function Del({ children }: { children: ReactNode }) {
  return (
    <del className="rounded-sm bg-red-100 px-0.5 text-red-900 line-through decoration-red-800 decoration-2">
      <span className="sr-only">{t.deletionStart}</span>
      {children}
      <span className="sr-only">{t.deletionEnd}</span>
    </del>
  );
}

/** Text only one of two compared versions has (neither is "the new one"). */
function OnlyHere({ children }: { children: ReactNode }) {
  return (
    <mark className="rounded-sm bg-amber-100 px-0.5 text-amber-950 underline decoration-amber-700 decoration-dotted decoration-2 underline-offset-4">
      <span className="sr-only">{tc.onlyHereStart}</span>
      {children}
      <span className="sr-only">{tc.onlyHereEnd}</span>
    </mark>
  );
}

type Side = "both" | "before" | "after";

/** Inline parts: "both" shows deletions and insertions, "before"/"after" one version's text. */
function Parts({ parts, side, neutral = false }: { parts: InlinePart[]; side: Side; neutral?: boolean }) {
  return (
    <>
      {parts.map((part, index) => {
        if (part.kind === "same") return <Fragment key={index}>{part.text}</Fragment>;
        if (part.kind === "inserted" && side === "before") return null;
        if (part.kind === "deleted" && side === "after") return null;
        if (neutral) return <OnlyHere key={index}>{part.text}</OnlyHere>;
        return part.kind === "inserted" ? <Ins key={index}>{part.text}</Ins> : <Del key={index}>{part.text}</Del>;
      })}
    </>
  );
}

type Tone = "inserted" | "deleted" | "changed" | "moved" | "neutral";

const TAG_TONES: Record<Tone, string> = {
  inserted: "bg-green-800 text-white",
  deleted: "bg-red-800 text-white",
  changed: "bg-amber-800 text-white",
  moved: "bg-sky-800 text-white",
  neutral: "border border-muted text-muted",
};

function Tag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`inline-block rounded px-1.5 py-px text-xs leading-5 font-medium ${TAG_TONES[tone]}`}>{children}</span>;
}

/** "段落" for plain paragraphs is implied; other kinds of block say what they are. */
function BlockLabel({ label }: { label: string }) {
  return <span className="text-xs text-muted">{label}</span>;
}

function labelOf(before: DiffBlock, after: DiffBlock): string {
  return before.label === after.label ? after.label : format(t.labelChanged, { before: before.label, after: after.label });
}

function formattingNote(change: Extract<BlockChange, { kind: "changed" }>, figureNote: string, note: string): string {
  return change.before.type === "figure" && change.after.type === "figure" ? figureNote : note;
}

/** Consecutive unchanged blocks, kept together so they can be folded. */
type BodyItem = { kind: "sameRun"; blocks: DiffBlock[] } | { kind: "change"; change: Exclude<BlockChange, { kind: "same" }> };

function groupBlocks(blocks: BlockChange[]): BodyItem[] {
  const items: BodyItem[] = [];
  for (const change of blocks) {
    if (change.kind === "same") {
      const last = items[items.length - 1];
      if (last?.kind === "sameRun") last.blocks.push(change.block);
      else items.push({ kind: "sameRun", blocks: [change.block] });
    } else {
      items.push({ kind: "change", change });
    }
  }
  return items;
}

function SameRun({ blocks, summary }: { blocks: DiffBlock[]; summary: string }) {
  return (
    <details className="rounded border border-dashed border-rule bg-white/60 px-3 py-1.5 text-sm text-muted">
      <summary className="cursor-pointer py-0.5 text-center">{summary}</summary>
      <div className="mt-2 space-y-2 border-t border-rule pt-2 text-base text-ink">
        {blocks.map((block, index) => (
          <p key={index} className={WRAP}>
            {block.type !== "paragraph" && (
              <>
                <BlockLabel label={block.label} />{" "}
              </>
            )}
            {block.text}
          </p>
        ))}
      </div>
    </details>
  );
}

// ---------------------------------------------------------------------------
// RevisionDiff: what changed from one revision to the next
// ---------------------------------------------------------------------------

function summaryOf(diff: ReportDiff): string {
  const { stats } = diff;
  if (diff.fields.length === 0 && stats.inserted + stats.deleted + stats.changed === 0) return t.noChanges;
  const bodyParts: string[] = [];
  if (stats.changed > 0) bodyParts.push(format(t.summaryChanged, { count: stats.changed }));
  if (stats.inserted > 0) bodyParts.push(format(t.summaryInserted, { count: stats.inserted }));
  if (stats.deleted > 0) bodyParts.push(format(t.summaryDeleted, { count: stats.deleted }));
  const moved = diff.blocks.filter((change) => change.kind === "inserted" && change.moved).length;
  const body =
    bodyParts.length === 0
      ? t.summaryNoBodyChange
      : format(t.summaryBody, { list: bodyParts.join(t.listSeparator) }) + (moved > 0 ? format(t.summaryMoved, { count: moved }) : "");
  const fields = diff.fields.length > 0 ? format(t.summaryFields, { count: diff.fields.length }) : t.summaryNoFieldChange;
  return `${body}${t.summarySeparator}${fields}`;
}

function FieldValue({ field, side }: { field: FieldChange; side: "before" | "after" }) {
  const value = side === "before" ? field.before : field.after;
  if (value === "") return <span className="text-muted">{t.empty}</span>;
  return <Parts parts={field.parts} side={side} />;
}

function FieldTable({ fields }: { fields: FieldChange[] }) {
  const cell = `block py-1 align-top sm:table-cell sm:px-2 sm:py-2 ${WRAP}`;
  return (
    <table className="w-full border-collapse text-sm sm:table-fixed">
      <thead className="hidden border-b border-rule text-left text-muted sm:table-header-group">
        <tr>
          <th scope="col" className="w-24 px-2 py-1 font-medium">
            {t.fieldColumn}
          </th>
          <th scope="col" className="px-2 py-1 font-medium">
            {t.beforeColumn}
          </th>
          <th scope="col" className="px-2 py-1 font-medium">
            {t.afterColumn}
          </th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.field} className="block border-b border-rule py-2 sm:table-row sm:py-0">
            <th scope="row" className="block py-1 text-left align-top font-semibold sm:table-cell sm:px-2 sm:py-2">
              {field.label}
            </th>
            <td className={cell}>
              <span className="mr-1 text-xs text-muted sm:hidden">{t.beforeColumn}：</span>
              <FieldValue field={field} side="before" />
            </td>
            <td className={cell}>
              <span className="mr-1 text-xs text-muted sm:hidden">{t.afterColumn}：</span>
              <FieldValue field={field} side="after" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const BLOCK_FRAME = "border-l-4 bg-white px-3 py-2";

function ChangeItem({ change }: { change: Exclude<BlockChange, { kind: "same" }> }) {
  switch (change.kind) {
    case "changed":
      return (
        <div className={`${BLOCK_FRAME} border-amber-700`}>
          <p className="mb-1 flex flex-wrap items-center gap-2">
            <Tag tone="changed">{t.changed}</Tag>
            <BlockLabel label={labelOf(change.before, change.after)} />
            {change.formattingOnly && <Tag tone="neutral">{formattingNote(change, t.figureFormattingOnly, t.formattingOnly)}</Tag>}
          </p>
          <p className={WRAP}>
            <Parts parts={change.parts} side="both" />
          </p>
        </div>
      );
    case "inserted":
      return (
        <div className={`${BLOCK_FRAME} ${change.moved ? "border-sky-700" : "border-green-700"}`}>
          <p className="mb-1 flex flex-wrap items-center gap-2">
            {change.moved ? <Tag tone="moved">{t.movedHere}</Tag> : <Tag tone="inserted">{t.inserted}</Tag>}
            <BlockLabel label={change.block.label} />
          </p>
          <p className={WRAP}>{change.block.text}</p>
        </div>
      );
    case "deleted":
      return (
        <div className={`${BLOCK_FRAME} ${change.moved ? "border-sky-700" : "border-red-700"}`}>
          <p className="mb-1 flex flex-wrap items-center gap-2">
            {change.moved ? <Tag tone="moved">{t.movedAway}</Tag> : <Tag tone="deleted">{t.deleted}</Tag>}
            <BlockLabel label={change.block.label} />
          </p>
          <p className={`${WRAP} text-muted`}>{change.block.text}</p>
        </div>
      );
  }
}

/**
 * What changed from `beforeLabel` to `afterLabel`: a summary line, the
 * changed fields, then the body with unchanged stretches folded away.
 * No heading of its own: the parent's heading (h2) names the comparison;
 * the parts inside are h3.
 */
export function RevisionDiff({ diff, beforeLabel, afterLabel }: { diff: ReportDiff; beforeLabel: string; afterLabel: string }) {
  const items = groupBlocks(diff.blocks);
  const hasBodyChanges = items.some((item) => item.kind === "change");
  return (
    <div className="min-w-0 space-y-6">
      <div className="space-y-1">
        <p className="text-sm text-muted">{format(t.versions, { before: beforeLabel, after: afterLabel })}</p>
        <p className="font-medium">{summaryOf(diff)}</p>
      </div>

      {diff.fields.length > 0 && (
        <section className="space-y-2">
          <h3 className="font-semibold">{t.fieldsHeading}</h3>
          <FieldTable fields={diff.fields} />
        </section>
      )}

      {hasBodyChanges && (
        <section className="space-y-2">
          <h3 className="font-semibold">{t.bodyHeading}</h3>
          <ol className="space-y-3 leading-relaxed">
            {items.map((item, index) => (
              <li key={index}>
                {item.kind === "sameRun" ? (
                  <SameRun blocks={item.blocks} summary={format(t.unchangedRun, { count: item.blocks.length })} />
                ) : (
                  <ChangeItem change={item.change} />
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------
// ConflictComparison: two versions side by side (an editor's save vs a colleague's)
// ---------------------------------------------------------------------------

function VersionCell({
  versionLabel,
  highlighted,
  missing = false,
  children,
}: {
  versionLabel: string;
  highlighted: boolean;
  missing?: boolean;
  children?: ReactNode;
}) {
  const frame = missing
    ? "border-dashed border-rule text-muted"
    : highlighted
      ? "border-amber-700 bg-amber-50/60"
      : "border-rule bg-white";
  return (
    <div className={`min-w-0 rounded border px-3 py-2 ${frame}`}>
      {/* Visible on phones (stacked), for screen readers only when the columns have headers. */}
      <p className="mb-1 text-xs font-medium text-muted md:sr-only">{versionLabel}</p>
      {missing ? <p className="text-sm">{tc.missing}</p> : children}
    </div>
  );
}

function ConflictBlock({ block, parts, side }: { block: DiffBlock; parts: InlinePart[] | null; side: "before" | "after" }) {
  return (
    <>
      {block.type !== "paragraph" && (
        <p className="mb-0.5">
          <BlockLabel label={block.label} />
        </p>
      )}
      <p className={WRAP}>{parts ? <Parts parts={parts} side={side} neutral /> : block.text}</p>
    </>
  );
}

function ConflictRow({ change, mineLabel, theirsLabel }: { change: Exclude<BlockChange, { kind: "same" }>; mineLabel: string; theirsLabel: string }) {
  // The diff runs from theirs (before) to mine (after).
  let mine: ReactNode = null;
  let theirs: ReactNode = null;
  let note: string | null = null;
  if (change.kind === "changed") {
    mine = <ConflictBlock block={change.after} parts={change.parts} side="after" />;
    theirs = <ConflictBlock block={change.before} parts={change.parts} side="before" />;
    if (change.formattingOnly) note = formattingNote(change, tc.figureFormattingOnly, tc.formattingOnly);
  } else if (change.kind === "inserted") {
    mine = <ConflictBlock block={change.block} parts={null} side="after" />;
    if (change.moved) note = tc.moved;
  } else {
    theirs = <ConflictBlock block={change.block} parts={null} side="before" />;
    if (change.moved) note = tc.moved;
  }
  return (
    <div className="space-y-1">
      {note && (
        <p>
          <Tag tone="neutral">{note}</Tag>
        </p>
      )}
      <div className="grid gap-2 md:grid-cols-2 md:gap-4">
        <VersionCell versionLabel={mineLabel} highlighted missing={mine === null}>
          {mine}
        </VersionCell>
        <VersionCell versionLabel={theirsLabel} highlighted missing={theirs === null}>
          {theirs}
        </VersionCell>
      </div>
    </div>
  );
}

function ConflictFieldValue({ field, side }: { field: FieldChange; side: "before" | "after" }) {
  const value = side === "before" ? field.before : field.after;
  if (value === "") return <span className="text-muted">{tc.empty}</span>;
  return <Parts parts={field.parts} side={side} neutral />;
}

/**
 * Two versions side by side (stacked on phones), aligned block by block;
 * differing fields and blocks are highlighted, identical stretches folded.
 * `mine` is the version being saved, `theirs` the newer one already saved.
 * No heading of its own (parts inside are h3); the parent adds the buttons.
 */
export function ConflictComparison({
  mine,
  theirs,
  mineLabel,
  theirsLabel,
}: {
  mine: ReportSnapshot;
  theirs: ReportSnapshot;
  mineLabel: string;
  theirsLabel: string;
}) {
  const diff = diffReports(theirs, mine);
  const items = groupBlocks(diff.blocks);
  const changedBlocks = diff.stats.changed + diff.stats.inserted + diff.stats.deleted;
  const differences = diff.fields.length + changedBlocks;
  const columnHeads = (
    <div className="hidden gap-4 text-sm font-semibold md:grid md:grid-cols-2" aria-hidden="true">
      <p>{mineLabel}</p>
      <p>{theirsLabel}</p>
    </div>
  );
  return (
    <div className="min-w-0 space-y-6">
      <p className="font-medium">
        {differences === 0 ? tc.identical : format(tc.summary, { count: differences, fields: diff.fields.length, blocks: changedBlocks })}
      </p>

      {diff.fields.length > 0 && (
        <section className="space-y-2">
          <h3 className="font-semibold">{tc.fieldsHeading}</h3>
          {columnHeads}
          <dl className="space-y-3">
            {diff.fields.map((field) => (
              <div key={field.field} className="space-y-1">
                <dt className="text-sm font-semibold">{field.label}</dt>
                <dd className="grid gap-2 text-sm md:grid-cols-2 md:gap-4">
                  <VersionCell versionLabel={mineLabel} highlighted>
                    <p className={WRAP}>
                      <ConflictFieldValue field={field} side="after" />
                    </p>
                  </VersionCell>
                  <VersionCell versionLabel={theirsLabel} highlighted>
                    <p className={WRAP}>
                      <ConflictFieldValue field={field} side="before" />
                    </p>
                  </VersionCell>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      {items.length > 0 && (
        <section className="space-y-2">
          <h3 className="font-semibold">{tc.bodyHeading}</h3>
          {columnHeads}
          <ol className="space-y-3 leading-relaxed">
            {items.map((item, index) => (
              <li key={index}>
                {item.kind === "sameRun" ? (
                  <SameRun blocks={item.blocks} summary={format(tc.sameRun, { count: item.blocks.length })} />
                ) : (
                  <ConflictRow change={item.change} mineLabel={mineLabel} theirsLabel={theirsLabel} />
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
