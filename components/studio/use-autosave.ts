"use client";

import { useEffect, useState } from "react";
import { AutosaveController, type SaveState } from "./autosave-controller";

export type { SaveState } from "./autosave-controller";

/** One AutosaveController per editing page, saving also when the page is hidden or left. */
export function useAutosave(options: { reportId: string; initialVersion: number; enabled: boolean }) {
  const [state, setState] = useState<SaveState>({ kind: "idle" });
  const [controller] = useState(
    () => new AutosaveController(options.reportId, options.initialVersion, options.enabled, setState),
  );

  useEffect(() => {
    if (!options.enabled) return;
    const onHide = () => controller.leave();
    const onVisibility = () => document.visibilityState === "hidden" && controller.leave();
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!controller.hasUnsaved) return;
      controller.leave();
      event.preventDefault();
    };
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("beforeunload", onBeforeUnload);
      controller.dispose();
    };
  }, [controller, options.enabled]);

  return { state, controller };
}
