/** Lets the event loop run (IPC, timers, the window) before the next chunk of a long job. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
