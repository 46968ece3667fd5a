/**
 * Long jobs of the store (a large change: an import) in slices: `breathe()`
 * gives the event loop a turn once the current slice has used its time, so
 * clicks, IPC and timers are never held longer than about that.
 */
export type Breathe = () => Promise<void>;

export function slicer(budgetMs = 20): Breathe {
  let start = performance.now();
  return async () => {
    if (performance.now() - start < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    start = performance.now();
  };
}

/** For small changes: never yields. */
export const noBreath: Breathe = () => Promise.resolve();
