"use client";

import { signOut } from "next-auth/react";
import { clearAllBackups } from "@/components/studio/local-backup";

/**
 * Signing out ends the session on the server (lib/auth/options.ts events.signOut) and clears
 * the unsaved texts this browser kept for crash recovery: office PCs are shared.
 */
export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => {
        clearAllBackups();
        void signOut({ callbackUrl: "/signin" });
      }}
      className="rounded border border-rule px-3 py-1 hover:bg-stone-100"
    >
      {label}
    </button>
  );
}
