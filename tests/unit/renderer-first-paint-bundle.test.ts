import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What the page loads before the first week paints (and preload before it): every module reached from
 * renderer/src/main.tsx by static value imports (`import type` is erased;
 * `import()` is a chunk of its own, loaded later). The renderer never
 * validates (main does), so zod stays out; recharts (the earnings charts) is
 * loaded when that view opens.
 */

const root = resolve(import.meta.dirname, '../..');
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, resolve(base, 'index.ts'), resolve(base, 'index.tsx')]) {
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

function firstPaintImports(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      if (!spec) continue;
      if (spec.startsWith('.')) {
        const next = resolveLocal(file, spec);
        if (next) queue.push(next);
      } else if (!packages.has(spec)) {
        packages.set(spec, file.slice(root.length + 1));
      }
    }
  }
  return { files, packages };
}

describe("the renderer's first-paint bundle", () => {
  const { files, packages } = firstPaintImports(resolve(root, 'renderer/src/main.tsx'));

  it('reaches the week view (the walk follows the real imports)', () => {
    expect([...files].some((f) => f.endsWith('renderer/src/week/WeekGrid.tsx'))).toBe(true);
  });

  it('holds no zod: the week arithmetic comes from shared/week-range.ts, not shared/week.ts', () => {
    expect(packages.get('zod'), `zod imported by ${packages.get('zod')}`).toBeUndefined();
  });

  it('holds no recharts: the earnings view is loaded when opened', () => {
    expect(packages.get('recharts'), `recharts imported by ${packages.get('recharts')}`).toBeUndefined();
  });
});

// Preload (and the harness bridge, its stand-in) runs before the page's own script: it builds window.api from the channel names alone.
describe.each([['preload', 'preload/index.ts'], ['the harness bridge', 'tests/harness/bridge.ts']])('%s', (_name, entry) => {
  const { files, packages } = firstPaintImports(resolve(root, entry));

  it('builds window.api from the contract\'s channel names (the walk follows the real imports)', () => {
    expect([...files].some((f) => f.endsWith('shared/ipc/channels.ts'))).toBe(true);
  });

  it('builds no schema: neither zod nor the contract\'s schemas are loaded', () => {
    expect(packages.get('zod'), `zod imported by ${packages.get('zod')}`).toBeUndefined();
    expect([...files].filter((f) => f.endsWith('shared/ipc/contract.ts'))).toEqual([]);
  });
});
