"use client";

import type { FieldErrors, ReportFieldName, ReportFields } from "@/lib/reports/rules/fields";
import { messages } from "@/lib/i18n";

const LAYOUT: { name: ReportFieldName; kind?: "textarea" | "date"; hint?: string }[] = [
  { name: "kicker" },
  { name: "title" },
  { name: "subtitle" },
  { name: "byline", hint: "如：本报记者 冯雪珠" },
  { name: "source", hint: "如：闽南日报" },
  { name: "originalTitle" },
  { name: "responsibleEditor" },
  { name: "column" },
  { name: "issueDate", kind: "date" },
  { name: "summary", kind: "textarea" },
];

/** The newspaper fields beside the body: one input each, errors under the field. */
export function FieldsForm(props: {
  fields: ReportFields;
  errors: FieldErrors;
  editable: boolean;
  showCorrectionNote: boolean;
  onChange: (fields: ReportFields) => void;
}) {
  const t = messages.studio.fields;
  const layout = props.showCorrectionNote ? [...LAYOUT, { name: "correctionNote" as const, kind: "textarea" as const, hint: "重新发布时在正文前公开显示" }] : LAYOUT;
  return (
    <fieldset className="space-y-3" disabled={!props.editable}>
      <legend className="mb-1 text-sm font-bold text-muted">稿件信息</legend>
      {layout.map(({ name, kind, hint }) => {
        const id = `field-${name}`;
        const error = props.errors[name];
        const common = {
          id,
          name,
          value: props.fields[name],
          "aria-invalid": error ? true : undefined,
          "aria-describedby": error ? `${id}-error` : undefined,
          onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
            props.onChange({ ...props.fields, [name]: e.target.value }),
          className: `w-full rounded border px-2 py-1.5 text-sm disabled:bg-stone-50 ${error ? "border-red-600" : "border-rule"}`,
        };
        return (
          <div key={name}>
            <label htmlFor={id} className="mb-0.5 block text-xs font-medium text-ink/80">
              {t[name]}
              {name === "title" && <span className="text-brand"> *</span>}
            </label>
            {kind === "textarea" ? (
              <textarea rows={3} {...common} />
            ) : (
              <input type={kind === "date" ? "date" : "text"} placeholder={hint} {...common} />
            )}
            {error && (
              <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
