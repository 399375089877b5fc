"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { toActionResult, type ActionFailure, type ActionResult } from "@/lib/actions/result";
import { clearAllBackups } from "@/components/studio/local-backup";

type Notice = { notice: string; secret?: string };
type SafeAction = (input: never) => Promise<{ data?: Notice; serverError?: ActionFailure; validationErrors?: unknown } | undefined>;

/**
 * One form for every administration action: sends the form's fields (plus fixed `values`) to a
 * server action, shows its refusal in words or its notice — and a one-time password, once.
 * `after`: where to go on success, or "signOut" when the action ended this session too.
 */
export function ActionForm({
  action,
  values = {},
  submitLabel,
  confirm,
  after,
  children,
  className = "space-y-3",
  buttonClassName = "rounded bg-brand px-4 py-2 text-white disabled:opacity-60",
  testId,
}: {
  action: SafeAction;
  values?: Record<string, string | boolean>;
  submitLabel: string;
  confirm?: string;
  after?: string;
  children?: React.ReactNode;
  className?: string;
  buttonClassName?: string;
  testId?: string;
}) {
  const router = useRouter();
  const [state, setState] = useState<ActionResult<Notice> | null>(null);
  const [pending, startTransition] = useTransition();

  // Submitted by hand rather than through <form action>: React resets a form after its action,
  // and a refused form must keep what the person typed. It is cleared only on success.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm && !window.confirm(confirm)) return;
    const form = event.currentTarget;
    const input: Record<string, unknown> = { ...values };
    for (const [key, value] of new FormData(form).entries()) if (typeof value === "string") input[key] = value;
    startTransition(async () => {
      const result = toActionResult<Notice>(await action(input as never));
      setState(result);
      if (!result.ok) return;
      form.reset();
      if (after === "signOut") {
        clearAllBackups();
        await signOut({ callbackUrl: "/signin" });
      } else if (after) {
        router.push(after);
      } else {
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={submit} className={className} data-testid={testId}>
      {children}
      {state && !state.ok && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800" data-testid="action-error">
          {state.message}
        </p>
      )}
      {state?.ok && state.data?.notice && (
        <p role="status" className="rounded bg-green-50 p-2 text-sm text-green-900" data-testid="action-notice">
          {state.data.notice}
          {state.data.secret && (
            <code className="ml-2 rounded bg-white px-2 py-1 font-mono text-base" data-testid="one-time-password">
              {state.data.secret}
            </code>
          )}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonClassName}>
        {submitLabel}
      </button>
    </form>
  );
}

/** A labelled input for the forms above. */
export function Field({
  name,
  label,
  type = "text",
  hint,
  defaultValue,
  required,
  multiline,
  autoComplete,
}: {
  name: string;
  label: string;
  type?: string;
  hint?: string;
  defaultValue?: string;
  required?: boolean;
  multiline?: boolean;
  autoComplete?: string;
}) {
  // Unique per form: a page may hold several forms with the same field names.
  const id = `field-${name}-${useId()}`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {multiline ? (
        <textarea id={id} name={name} rows={4} defaultValue={defaultValue} className="w-full rounded border border-rule px-3 py-2" />
      ) : (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue}
          required={required}
          autoComplete={autoComplete}
          className="w-full rounded border border-rule px-3 py-2"
        />
      )}
      {hint && <p className="mt-1 text-xs text-muted">{hint}</p>}
    </div>
  );
}
