"use client";

import { useSyncExternalStore } from "react";

/** For values that never change after the first client render (useSyncExternalStore). */
export const subscribeToNothing = () => () => {};

/**
 * False in the server's HTML and until React has hydrated the page in the browser, true after.
 * A button whose onClick is not attached yet does nothing when clicked: on a slow office PC the
 * studio's HTML shows well before its script runs, so action buttons stay disabled until then
 * rather than swallow a click.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
