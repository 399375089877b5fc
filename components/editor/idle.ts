/**
 * Deferred work for big documents: run a task once typing has paused for
 * `delay` ms, in an idle period of the browser, so that counting characters
 * or re-anchoring comments in a 50,000-character report never delays a
 * keystroke.
 */
const IDLE_TIMEOUT_MS = 200;

export interface IdleTask {
  /** (Re)starts the pause timer. */
  schedule(): void;
  cancel(): void;
}

export function idleTask(task: () => void, delay: number): IdleTask {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let idle: number | undefined;

  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined) cancelIdleCallback(idle);
    timer = idle = undefined;
  };

  return {
    schedule() {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        if (typeof requestIdleCallback !== "function") return task(); // Safari < 18 has none
        // Idle callbacks may not come at all while nothing is painted (seen in Chromium with
        // the editor unfocused), so the wait is short: the pause above is what matters.
        idle = requestIdleCallback(
          () => {
            idle = undefined;
            task();
          },
          { timeout: IDLE_TIMEOUT_MS },
        );
      }, delay);
    },
    cancel,
  };
}
