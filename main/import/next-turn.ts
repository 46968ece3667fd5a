/** Lets the event loop run (IPC, timers, the window) before the next part of a long job. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export interface TimeSlicer {
  /** True once the current slice has used its time: call breathe(). */
  due(): boolean;
  /** Gives the event loop a turn and starts a new slice. */
  breathe(): Promise<void>;
}

/**
 * Slices a long job by time rather than by rows: the first rows run cold
 * (before the JIT has optimized anything) and cost ten times the later
 * ones, so a fixed row count would block the window longest exactly when
 * the teacher has just clicked.
 */
export function timeSlicer(budgetMs = 25): TimeSlicer {
  let sliceStart = performance.now();
  return {
    due: () => performance.now() - sliceStart >= budgetMs,
    async breathe() {
      await nextTurn();
      sliceStart = performance.now();
    },
  };
}
