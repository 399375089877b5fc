import { messages } from "@/lib/i18n";
import { ROLES } from "@/lib/reports/rules/workflow";

/** The membership roles, as a labelled select. */
export function RoleSelect({ name, defaultValue, label }: { name: string; defaultValue: string; label: string }) {
  const id = `${name}-${label}`.replace(/\s+/g, "-");
  return (
    <span className="flex items-center gap-1">
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className="rounded border border-rule px-2 py-1">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {messages.role[r]}
          </option>
        ))}
      </select>
    </span>
  );
}
