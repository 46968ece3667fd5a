import { readFileSync } from 'node:fs';

/**
 * What the window would feel while a job runs on the main thread: a 10 ms
 * ticker measures the gaps between its ticks (a gap is the event loop
 * blocked: the job, or a garbage collection), attributed to the phase the
 * job said it was in, and samples memory (RSS covers worker threads too).
 * Timer-lag rather than perf_hooks.monitorEventLoopDelay, which misses a
 * block at the very end of the watch.
 *
 * On a machine shared by many processes a gap is also time the thread was
 * ready but had no CPU. Where Linux tells (schedstat of the main thread),
 * each gap is split into time on a CPU (the code's own block) and time
 * waiting for one (the machine's load), so the two can be told apart.
 */

const TICK_MS = 10;
const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

/** The main thread's time on a CPU and waiting for one, in ms since it started; null where Linux does not say. */
function schedTimes(): { cpu: number; wait: number } | null {
  try {
    const [cpu, wait] = readFileSync(SCHEDSTAT, 'latin1').split(' ');
    return { cpu: Number(cpu) / 1e6, wait: Number(wait) / 1e6 };
  } catch {
    return null;
  }
}

export interface Block {
  /** Wall-clock length of the gap, less the tick itself. */
  ms: number;
  /** Of the gap: the main thread on a CPU, and ready but waiting for one (null where unknown). The rest it was not runnable: waiting on a lock (the garbage collector's helper threads) or the disk. */
  cpuMs: number | null;
  waitMs: number | null;
}

export interface Watched {
  peakRss: number;
  /** RSS when the watch began: RSS rarely shrinks, so the peak carries what earlier jobs of the process left; peakRss - startRss is this job's own. */
  startRss: number;
  peakHeap: number;
  /** The longest gap between ticks, less the tick itself. */
  maxBlockMs: number;
  /** That longest gap, split into time on a CPU and time waiting for one. */
  maxBlock: Block;
  /** The most CPU time the main thread spent inside any one gap: the longest block its own work caused (null where unknown). */
  maxCpuBlockMs: number | null;
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
  let maxBlock: Block = { ms: 0, cpuMs: null, waitMs: null };
  let maxCpuBlockMs: number | null = null;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  let last = performance.now();
  let lastSched = schedTimes();
  const tick = () => {
    const now = performance.now();
    const sched = schedTimes();
    const block = Math.max(0, now - last - TICK_MS);
    byPhase[phase] = Math.max(byPhase[phase] ?? 0, block);
    const cpuMs = sched && lastSched ? sched.cpu - lastSched.cpu : null;
    if (cpuMs !== null) maxCpuBlockMs = Math.max(maxCpuBlockMs ?? 0, cpuMs);
    if (block > maxBlock.ms) maxBlock = { ms: block, cpuMs, waitMs: sched && lastSched ? sched.wait - lastSched.wait : null };
    last = now;
    lastSched = sched;
    sample();
  };
  sample();
  const startRss = peakRss;
  const timer = setInterval(tick, TICK_MS);
  return {
    phase(name) {
      tick();
      phase = name;
    },
    stop() {
      clearInterval(timer);
      tick();
      return { peakRss, startRss, peakHeap, maxBlockMs: Math.max(0, ...Object.values(byPhase)), maxBlock, maxCpuBlockMs, byPhase };
    },
  };
}
