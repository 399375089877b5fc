"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { sameOriginPath } from "@/lib/auth/redirect";
import { format, messages } from "@/lib/i18n";

const t = messages.auth;

function messageFor(error: string): string {
  if (error.startsWith("LOCKED:")) return format(t.tooManyAttempts, { minutes: error.slice("LOCKED:".length) });
  return t.invalidCredentials;
}

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get("username") ?? "").trim();
    const password = String(form.get("password") ?? "");
    if (!username || !password) {
      setError(t.missingFields);
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { username, password, redirect: false });
    if (result?.ok && !result.error) {
      // Checked again against the origin the browser is really on (the page may sit behind a
      // proxy whose address the server does not know).
      window.location.assign(sameOriginPath(callbackUrl, window.location.origin));
      return;
    }
    setPending(false);
    setError(messageFor(result?.error ?? ""));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <div>
        <label htmlFor="username" className="mb-1 block text-sm font-medium">
          {t.username}
        </label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          className="w-full rounded border border-rule px-3 py-2 text-base focus:border-brand"
        />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">
          {t.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="w-full rounded border border-rule px-3 py-2 text-base focus:border-brand"
        />
      </div>
      {error && (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-brand px-4 py-2 font-medium text-white hover:bg-brand-dark disabled:opacity-60"
      >
        {pending ? t.submitting : t.submit}
      </button>
    </form>
  );
}
