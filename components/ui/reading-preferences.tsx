"use client";

import { useSyncExternalStore } from "react";

// 适老化: a larger text size and a high-contrast scheme a reader can switch on and keep (in
// localStorage; the inline script in app/layout.tsx applies them before the first paint).
const KEY = "cms:reading";
type Prefs = { large: boolean; contrast: boolean };

function read(): Prefs {
  try {
    return { large: false, contrast: false, ...(JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Prefs>) };
  } catch {
    return { large: false, contrast: false };
  }
}

const listeners = new Set<() => void>();
let snapshot = "";
function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function apply(prefs: Prefs) {
  localStorage.setItem(KEY, JSON.stringify(prefs));
  document.documentElement.classList.toggle("text-large", prefs.large);
  document.documentElement.classList.toggle("contrast-high", prefs.contrast);
  listeners.forEach((l) => l());
}

export function ReadingPreferences() {
  const prefs = useSyncExternalStore(
    subscribe,
    () => {
      const next = JSON.stringify(read());
      if (next !== snapshot) snapshot = next;
      return snapshot;
    },
    () => JSON.stringify({ large: false, contrast: false }),
  );
  const { large, contrast } = JSON.parse(prefs) as Prefs;
  const button = "rounded border border-white/60 px-2 py-1 hover:bg-brand-dark aria-pressed:bg-white aria-pressed:text-brand";
  return (
    <div role="group" aria-label="阅读设置" className="flex gap-2 text-sm">
      <button type="button" aria-pressed={large} className={button} onClick={() => apply({ large: !large, contrast })}>
        大字
      </button>
      <button type="button" aria-pressed={contrast} className={button} onClick={() => apply({ large, contrast: !contrast })}>
        高对比度
      </button>
    </div>
  );
}

/** Runs in <head> before the page paints, so a kept preference never flashes. */
export const READING_PREFERENCES_SCRIPT = `try{var p=JSON.parse(localStorage.getItem("${KEY}")||"{}");var c=document.documentElement.classList;if(p.large)c.add("text-large");if(p.contrast)c.add("contrast-high")}catch(e){}`;
