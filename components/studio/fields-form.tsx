"use client";

import { fieldLabel, REPORT_FIELD_NAMES, REPORT_FIELDS, type FieldErrors, type ReportFields } from "@/lib/reports/rules/fields";

/** The newspaper fields beside the body: one input each, errors under the field. */
export function FieldsForm(props: {
  fields: ReportFields;
  errors: FieldErrors;
  editable: boolean;
  showCorrectionNote: boolean;
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
