/** One benchmark: a module under tests/bench/ named `*.bench.ts` that exports `name` and `run`. run.ts finds it by its name. */
export interface Benchmark {
  name: string;
  /** The figures to print, in order: label -> value (give units in the value or the label). */
  run(): Promise<Record<string, string | number>>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Milliseconds `fn` took. */
export async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const ms = (value: number): string => `${value.toFixed(0)} ms`;
