import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The CSP of an HTML page's <meta http-equiv="Content-Security-Policy">. */
function metaCsp(html: string): string {
  const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/gi)];
  expect(metas, 'exactly one CSP meta tag').toHaveLength(1);
  return metas[0]![1]!;
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map((tokens) => [tokens[0]!.toLowerCase(), tokens.slice(1)]),
  );
}

const pageHtml = readFileSync(join(root, 'renderer/index.html'), 'utf8');
const pageCsp = directives(metaCsp(pageHtml));

// tests/harness/server.ts serves the same CSP as a header (plus frame-ancestors, which a meta tag cannot carry).
const harnessSource = readFileSync(join(root, 'tests/harness/server.ts'), 'utf8');
const harnessCsp = directives(/const CSP\s*=\s*"([^"]+)"/.exec(harnessSource)?.[1] ?? '');

describe('Content-Security-Policy of the page', () => {
  it('is strict: no unsafe-eval, no unsafe-inline, no wildcard, nothing remote', () => {
    for (const [name, sources] of pageCsp) {
      for (const source of sources) {
        expect(source, name).not.toMatch(/^'unsafe-|^'wasm-unsafe-eval'$|^\*$|^https?:|^http:|^ws:|^blob:$|^filesystem:$/);
      }
    }
  });

  it('locks down scripts, plugins, base and forms', () => {
    expect(pageCsp.get('default-src')).toEqual(["'self'"]);
    expect(pageCsp.get('script-src')).toEqual(["'self'"]);
    expect(pageCsp.get('object-src')).toEqual(["'none'"]);
    expect(pageCsp.get('base-uri')).toEqual(["'none'"]);
    expect(pageCsp.get('form-action')).toEqual(["'none'"]);
    // data: only for images, never for scripts or frames.
    for (const [name, sources] of pageCsp) if (name !== 'img-src') expect(sources, name).not.toContain('data:');
  });

  it('has no inline script or inline event handler in the page', () => {
    for (const tag of pageHtml.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) expect(tag).toMatch(/^<script\b[^>]*\bsrc="[^"]+"[^>]*><\/script>$/);
    expect(pageHtml).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it('is the same policy the browser harness sends as a header', () => {
    expect(harnessCsp.size).toBeGreaterThan(0);
    const withoutFrameAncestors = new Map([...harnessCsp].filter(([name]) => name !== 'frame-ancestors'));
    expect(withoutFrameAncestors).toEqual(pageCsp);
    expect(harnessCsp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  // npm test builds before the unit tests; only a developer's run without a build skips this, saying so. In CI it always runs.
  it.skipIf(!process.env.CI && !existsSync(join(root, 'out/renderer/index.html')))('survives the build (out/renderer/index.html; skipped when not built, outside CI)', () => {
    expect(directives(metaCsp(readFileSync(join(root, 'out/renderer/index.html'), 'utf8')))).toEqual(pageCsp);
  });
});
