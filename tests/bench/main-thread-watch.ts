/**
 * What the window would feel while a job runs on the main thread: a 10 ms
 * ticker measures the gaps between its ticks (a gap is the event loop
 * blocked: the job, or a garbage collection), attributed to the phase the
 * job said it was in, and samples memory (RSS covers worker threads too).
 * Timer-lag rather than perf_hooks.monitorEventLoopDelay, which misses a
 * block at the very end of the watch.
 */

const TICK_MS = 10;

export interface Watched {
  peakRss: number;
  peakHeap: number;
  /** The longest gap between ticks, less the tick itself. */
  maxBlockMs: number;
  /** The longest block in each phase. */
  byPhase: Record<string, number>;
}

export interface Watch {
  /** The job is now in `phase` (blocks are attributed to the phase they end in). */
  phase(name: string): void;
  stop(): Watched;
}

export function watchMainThread(firstPhase = 'job'): Watch {
  let peakRss = 0;
  let peakHeap = 0;
  let phase = firstPhase;
  const byPhase: Record<string, number> = {};
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  let last = performance.now();
  const tick = () => {
    const now = performance.now();
    const block = Math.max(0, now - last - TICK_MS);
    byPhase[phase] = Math.max(byPhase[phase] ?? 0, block);
    last = now;
    sample();
  };
  sample();
  const timer = setInterval(tick, TICK_MS);
  return {
    phase(name) {
      tick();
      phase = name;
    },
    stop() {
      clearInterval(timer);
      tick();
      return { peakRss, peakHeap, maxBlockMs: Math.max(0, ...Object.values(byPhase)), byPhase };
    },
  };
}
