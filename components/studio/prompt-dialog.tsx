"use client";

import { useEffect, useId, useRef, useState } from "react";

/** A small modal asking for one required text (a comment, a reason) or a date and time. */
export function PromptDialog(props: {
  open: boolean;
  title: string;
  label: string;
  input: "textarea" | "datetime";
  confirmLabel: string;
  requiredMessage: string;
  onConfirm: (value: string) => Promise<string | null>;
  onClose: () => void;
  /** Shown above the input: what the person is asked about. */
  children?: React.ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputId = useId();
  const titleId = useId();
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!value.trim()) {
      setError(props.requiredMessage);
      return;
    }
    setPending(true);
    const failure = await props.onConfirm(value);
    setPending(false);
    if (failure) setError(failure);
    else {
      setValue("");
      setError(null);
      props.onClose();
    }
  }

  return (
    <dialog ref={ref} onClose={props.onClose} aria-labelledby={titleId} className="m-auto w-[min(32rem,92vw)] rounded-lg p-0 shadow-xl backdrop:bg-black/40">
      <form onSubmit={submit} className="space-y-3 p-5">
        <h2 id={titleId} className="text-lg font-bold">
          {props.title}
        </h2>
        {props.children}
        <label className="block text-sm font-medium" htmlFor={inputId}>
          {props.label}
        </label>
        {props.input === "textarea" ? (
          <textarea
            id={inputId}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            rows={4}
            className="w-full rounded border border-rule p-2"
            autoFocus
          />
        ) : (
          <input
            id={inputId}
            type="datetime-local"
            step={1}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            className="w-full rounded border border-rule p-2"
            autoFocus
          />
        )}
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" onClick={props.onClose} className="rounded border border-rule px-3 py-1.5">
            取消
          </button>
          <button type="submit" disabled={pending} className="rounded bg-brand px-3 py-1.5 text-white disabled:opacity-60">
            {props.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
