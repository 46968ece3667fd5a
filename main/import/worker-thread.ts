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
