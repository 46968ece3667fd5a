import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Benchmark } from './benchmark';

/**
 * `npm run bench [name filter]`: runs every tests/bench/*.bench.ts in name
 * order and prints one line per figure. Adding a benchmark is adding a file.
 */

const dir = import.meta.dirname;

async function loadBenchmarks(): Promise<Benchmark[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.bench.ts')).sort();
  const benchmarks: Benchmark[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as Partial<Benchmark>;
    if (typeof module.name !== 'string' || typeof module.run !== 'function') {
      throw new Error(`tests/bench/${file} must export \`name\` (string) and \`run\` (async function)`);
    }
    benchmarks.push({ name: module.name, run: module.run });
  }
  return benchmarks;
}

async function main(filter: string | undefined): Promise<number> {
  const benchmarks = (await loadBenchmarks()).filter((b) => !filter || b.name.includes(filter));
  if (benchmarks.length === 0) {
    console.error(filter ? `No benchmark name contains "${filter}".` : 'No benchmarks found in tests/bench/.');
    return 1;
  }
  let failed = 0;
  for (const benchmark of benchmarks) {
    console.log(benchmark.name);
    const start = performance.now();
    try {
      const figures = await benchmark.run();
      for (const [label, value] of Object.entries(figures)) console.log(`  ${label}: ${typeof value === 'number' ? value.toLocaleString('en-US') : value}`);
      console.log(`  (took ${((performance.now() - start) / 1000).toFixed(1)} s)`);
    } catch (error) {
      failed++;
      console.error(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main(process.argv[2]);
