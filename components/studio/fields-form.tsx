"use client";

import { adminMessages } from "@/lib/i18n/admin.zh-CN";
import { fieldLabel, REPORT_FIELD_NAMES, REPORT_FIELDS, type FieldErrors, type ReportFields } from "@/lib/reports/rules/fields";

const columnMessages = adminMessages.columns;

/** The newspaper fields beside the body: one input each, errors under the field. */
export function FieldsForm(props: {
  fields: ReportFields;
  errors: FieldErrors;
  editable: boolean;
  showCorrectionNote: boolean;
  /** The committee's 栏目 to pick from. */
  columnChoices: readonly string[];
  onChange: (fields: ReportFields) => void;
}) {
  const layout = REPORT_FIELD_NAMES.map((name) => ({ name, spec: REPORT_FIELDS[name] as { input: string; hint?: string; required?: string; onlyWithLiveEdition?: boolean } })).filter(
    ({ spec }) => props.showCorrectionNote || !spec.onlyWithLiveEdition,
  );
  return (
    <fieldset className="space-y-3" disabled={!props.editable}>
      <legend className="mb-1 text-sm font-bold text-muted">稿件信息</legend>
      {layout.map(({ name, spec }) => {
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
              {fieldLabel(name)}
              {spec.required && <span className="text-brand"> *</span>}
            </label>
            {spec.input === "textarea" ? (
              <textarea rows={3} placeholder={spec.hint} {...common} />
            ) : spec.input === "column" ? (
              <select {...common} onChange={(e) => props.onChange({ ...props.fields, [name]: e.target.value })}>
                <option value="">{columnMessages.noColumn}</option>
                {/* A value from before the list existed stays selectable until changed. */}
                {[...new Set([...props.columnChoices, ...(props.fields[name] ? [props.fields[name]] : [])])].map((choice) => (
                  <option key={choice} value={choice}>
                    {choice}
                  </option>
                ))}
              </select>
            ) : (
              <input type={spec.input === "date" ? "date" : "text"} placeholder={spec.hint} {...common} />
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
