"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { setEmailNotificationsAction } from "@/lib/actions/email-settings";
import { toActionResult } from "@/lib/actions/result";

export function EmailNotificationsToggle(props: { enabled: boolean; labels: { on: string; off: string; turnOn: string; turnOff: string } }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState("");
  const toggle = () =>
    startTransition(async () => {
      const result = toActionResult(await setEmailNotificationsAction({ enabled: !props.enabled }));
      if (!result.ok) setError(result.message);
      else router.refresh();
    });
  return (
    <div className="space-y-2">
      <p data-testid="email-notifications-state">{props.enabled ? props.labels.on : props.labels.off}</p>
      <button type="button" onClick={toggle} disabled={pending} className="rounded border border-rule bg-white px-3 py-1 text-sm hover:bg-stone-100">
        {props.enabled ? props.labels.turnOff : props.labels.turnOn}
      </button>
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
