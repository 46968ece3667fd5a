import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starting the import worker wherever the core runs. The Electron build
 * passes its built out/main/import-worker.cjs (vite.config.ts emits it
 * beside index.cjs); tests and the harness run the core from source, so the
 * default is the TypeScript source next to this file, which a worker can
 * load only through tsx's loader (Node 20 does not strip types, and a
 * worker does not inherit the parent's loader).
 */

/** The worker's TypeScript source: the default outside the Electron build. */
export function sourceImportWorker(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'import-worker.ts');
}

export function startWorker(file: string): Worker {
  if (!file.endsWith('.ts')) return new Worker(file);
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
  return new Worker(bootstrap, { eval: true });
}

let tsxApi: string | null = null;

/** tsx's ESM API entry, found from its package.json (the worker's eval code cannot resolve a bare name from here). */
function tsxApiUrl(): string {
  if (!tsxApi) {
    const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
    const exports = (JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> }).exports;
    const entry = exports['./esm/api']?.import.default;
    if (!entry) throw new Error('tsx has no ./esm/api entry; the import worker cannot run from TypeScript source');
    tsxApi = pathToFileURL(join(dirname(packageJson), entry)).href;
  }
  return tsxApi;
}

/** How long a worker with nothing to do is kept for the next file (starting one costs a few hundred ms from TypeScript source). */
const IDLE_MS = 60_000;
const idle = new Map<string, { worker: Worker; timer: NodeJS.Timeout }>();

/** An idle worker of `file`, or a new one. */
export function takeWorker(file: string): Worker {
  const kept = idle.get(file);
  if (!kept) return startWorker(file);
  idle.delete(file);
  clearTimeout(kept.timer);
  kept.worker.ref();
  return kept.worker;
}

/** Keeps a worker that finished its file for the next one, a while, unreferenced so it never keeps the process alive. */
export function keepWorker(file: string, worker: Worker): void {
  if (idle.has(file)) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    if (idle.get(file)?.worker === worker) idle.delete(file);
    void worker.terminate();
  }, IDLE_MS);
  timer.unref();
  idle.set(file, { worker, timer });
}
