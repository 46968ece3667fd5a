import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { fromZonedTime } from 'date-fns-tz';
import { build, type Plugin, type Rolldown } from 'vite';
import type { Booking } from '../../shared/booking';
import type { BusyBlock } from '../../shared/calendar';
import { makeBookings } from './fixtures';
import { median, timed } from './benchmark';

/**
 * Rendering the teacher's week with 500 classes, two ways:
 *
 * - in Node: the pure layout (renderer/src/week/layout.ts) plus
 *   react-dom/server renderToString of the real WeekGrid component;
 * - in Chromium (Debian's, through Playwright): React's client render and
 *   commit of the same component into a page with the app's CSS, until the
 *   browser has computed style and layout — what the teacher waits for.
 *
 * Both bundle the renderer's own modules with Vite and the React plugin, in
 * production mode (the root tsconfig has no JSX and tsx would compile .tsx
 * for the classic runtime), so what is measured is what ships. "Switch
 * weeks" is layout + render of the other week's 500 classes.
 */

/** The grid alone: no app around it, no request to main, measured to style + layout (not paint). */
export const name = 'week grid alone (no app, no IPC, no paint): render 500 classes and switch weeks';

const ROOT = resolve(import.meta.dirname, '../..');
const ZONE = 'America/Argentina/Buenos_Aires';
const CLASSES = 500;
const WARMUP = 5;
const RUNS = 25;
const BROWSER_RUNS = 15;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEEK_A = days('2026-03-02');
const WEEK_B = days('2026-03-09');
const HOURS = { startHour: 8, endHour: 22 };

function days(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(`${monday}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 500 valid classes packed into one week, 08:00-22:00, 45-90 minutes on quarter hours: many overlap. Plus busy blocks. */
function crowdedWeek(week: string[], seed: number): { bookings: Booking[]; busyBlocks: BusyBlock[] } {
  const bookings = makeBookings(CLASSES, { seed }).map((b, i) => {
    const day = week[i % 7]!;
    const start = 8 * 60 + ((i * 53 + seed * 7) % (13 * 4)) * 15;
    const length = [45, 60, 60, 90][i % 4]!;
    const at = (m: number) => fromZonedTime(`${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}:00`, ZONE).toISOString();
    return { ...b, startTime: at(start), endTime: at(start + length) };
  });
  const busyBlocks = week.flatMap((day, i) =>
    [9, 13].map((hour) => ({
      eventId: `busy-${seed}-${i}-${hour}`,
      startTime: fromZonedTime(`${day}T${pad(hour)}:00:00`, ZONE).toISOString(),
      endTime: fromZonedTime(`${day}T${pad(hour + 2)}:00:00`, ZONE).toISOString(),
    })),
  );
  return { bookings, busyBlocks };
}

/** The renderer's modules the bench needs, as one entry (never written to the source tree). */
function entryPlugin(id: string, code: string): Plugin {
  const resolved = `\0${id}`;
  return {
    name: `render-bench-entry-${id}`,
    resolveId: (source) => (source === id ? resolved : null),
    load: (source) => (source === resolved ? code : null),
  };
}

const src = (path: string) => JSON.stringify(join(ROOT, 'renderer/src', path));
const SHARED_EXPORTS = `
export { layoutWeek, fitHours } from ${src('week/layout.ts')};
export { WeekGrid } from ${src('week/WeekGrid.tsx')};
export { translator } from ${src('i18n.ts')};
export { formatWeekRange } from ${src('format.ts')};
export { createElement } from 'react';
`;

interface WeekInput {
  bookings: Booking[];
  busyBlocks: BusyBlock[];
  days: string[];
}

/** What the Node bundle exports (typed here: the tests' tsconfig cannot compile the renderer's JSX). */
interface NodeBundle {
  layoutWeek(input: WeekInput & { timeZone: string; hours: typeof HOURS }): { days: unknown[][]; order: string[] };
  fitHours(input: WeekInput & { timeZone: string }, preferred: typeof HOURS): typeof HOURS;
  WeekGrid: unknown;
  translator(locale: 'es' | 'en'): unknown;
  formatWeekRange(days: string[], locale: 'es' | 'en'): string;
  createElement(type: unknown, props: unknown): unknown;
  renderToString(element: unknown): string;
}

const viteBase = {
  configFile: false as const,
  root: ROOT,
  logLevel: 'silent' as const,
  mode: 'production',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
};

async function buildNodeBundle(outDir: string): Promise<NodeBundle> {
  const id = 'virtual:render-bench-node';
  await build({
    ...viteBase,
    plugins: [react(), entryPlugin(id, `${SHARED_EXPORTS}\nexport { renderToString } from 'react-dom/server';`)],
    ssr: { noExternal: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { input: id, output: { format: 'esm', entryFileNames: 'render-bench.mjs' } },
    },
  });
  return (await import(pathToFileURL(join(outDir, 'render-bench.mjs')).href)) as NodeBundle;
}

/** The browser bundle: window.renderBench.measure(weeks, runs) mounts WeekGrid with the app's CSS and times render + commit + layout. */
async function buildBrowserBundle(): Promise<{ js: string; css: string }> {
  const id = 'virtual:render-bench-browser';
  const code = `
import ${src('styles.css')};
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { layoutWeek, fitHours, WeekGrid, translator, formatWeekRange, createElement } from 'virtual:render-bench-shared';

let commitEnd = 0;
function render(root, week) {
  const input = { bookings: week.bookings, busyBlocks: week.busyBlocks, days: week.days, timeZone: week.timeZone };
  const hours = fitHours(input, week.hours);
  const layout = layoutWeek({ ...input, hours });
  const t = translator('es');
  flushSync(() => root.render(createElement(WeekGrid, {
    days: week.days, layout, hours, timeZone: week.timeZone, locale: 'es', t, today: null,
    selectedId: null, onSelect() {}, scrollTo: null, label: formatWeekRange(week.days, 'es'),
  })));
  commitEnd = performance.now();
  return document.body.offsetHeight; // forces style and layout
}

window.renderBench = {
  measure(weeks, runs) {
    const first = [];
    const switches = [];
    const styleLayout = [];
    let boxes = 0;
    for (let i = 0; i < runs; i++) {
      const host = document.getElementById('root');
      host.replaceChildren();
      const root = createRoot(host);
      let start = performance.now();
      render(root, weeks[0]);
      const end = performance.now();
      first.push(end - start);
      styleLayout.push(end - commitEnd);
      start = performance.now();
      render(root, weeks[1]);
      switches.push(performance.now() - start);
      boxes = host.querySelectorAll('[data-testid="booking"]').length;
      root.unmount();
    }
    return { first, switches, styleLayout, boxes };
  },
};
`;
  const output = (await build({
    ...viteBase,
    plugins: [react(), entryPlugin(id, code), entryPlugin('virtual:render-bench-shared', SHARED_EXPORTS)],
    build: {
      write: false,
      minify: true,
      target: 'chrome130',
      cssCodeSplit: false,
      rollupOptions: { input: id, output: { format: 'iife', entryFileNames: 'bench.js', assetFileNames: '[name][extname]' } },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const files = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  const js = files.find((f) => f.type === 'chunk');
  const css = files.find((f) => f.type === 'asset' && f.fileName.endsWith('.css'));
  if (!js || js.type !== 'chunk') throw new Error('the browser bundle has no script');
  return { js: js.code, css: css && css.type === 'asset' ? String(css.source) : '' };
}

async function measureInChromium(weeks: (WeekInput & { timeZone: string; hours: typeof HOURS })[]): Promise<Record<string, string | number>> {
  if (!existsSync(CHROMIUM)) return { 'Chromium: skipped': `no browser at ${CHROMIUM} (set CHROMIUM_PATH)` };
  const bundle = await buildBrowserBundle();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"></head><body><div class="app"><main class="workspace"><div id="root"></div></main></div></body></html>`);
    await page.addStyleTag({ content: bundle.css });
    await page.addScriptTag({ content: bundle.js });
    type Measured = { first: number[]; switches: number[]; styleLayout: number[]; boxes: number };
    const measure = (runs: number) =>
      page.evaluate(
        // Runs in the page, where the bundle defined renderBench on the global object.
        ({ w, r }) => (globalThis as unknown as { renderBench: { measure(weeks: unknown, runs: number): Measured } }).renderBench.measure(w, r),
        { w: weeks, r: runs },
      );
    await measure(3); // warm-up: JIT, fonts, style sheets
    const result = await measure(BROWSER_RUNS);
    return {
      'Chromium: first render, median (React commit + style + layout)': `${median(result.first).toFixed(1)} ms`,
      'Chromium: of which style + layout, median': `${median(result.styleLayout).toFixed(1)} ms`,
      'Chromium: switch weeks, median (layout + React update + style + layout)': `${median(result.switches).toFixed(1)} ms`,
      'Chromium: class boxes in the page': result.boxes,
    };
  } finally {
    await browser.close();
  }
}

export async function run(): Promise<Record<string, string | number>> {
  const outDir = await mkdtemp(join(tmpdir(), 'td-bench-render-'));
  try {
    const lib = await buildNodeBundle(outDir);
    const weekA = { ...crowdedWeek(WEEK_A, 1), days: WEEK_A, timeZone: ZONE, hours: HOURS };
    const weekB = { ...crowdedWeek(WEEK_B, 2), days: WEEK_B, timeZone: ZONE, hours: HOURS };
    const t = lib.translator('es');

    const layoutOf = (week: typeof weekA) => {
      const input = { bookings: week.bookings, busyBlocks: week.busyBlocks, days: week.days, timeZone: ZONE };
      const hours = lib.fitHours(input, HOURS);
      return { hours, layout: lib.layoutWeek({ ...input, hours }) };
    };
    let html = '';
    const renderWeek = (week: typeof weekA) => {
      const { hours, layout } = layoutOf(week);
      html = lib.renderToString(
        lib.createElement(lib.WeekGrid, {
          days: week.days,
          layout,
          hours,
          timeZone: ZONE,
          locale: 'es',
          t,
          today: null,
          selectedId: null,
          onSelect: () => undefined,
          scrollTo: null,
          label: lib.formatWeekRange(week.days, 'es'),
        }),
      );
    };

    for (let i = 0; i < WARMUP; i++) {
      renderWeek(weekA);
      renderWeek(weekB);
    }
    const layoutTimes: number[] = [];
    const renderTimes: number[] = [];
    const switchTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      layoutTimes.push(await timed(() => layoutOf(weekA)));
      renderTimes.push(await timed(() => renderWeek(weekA)));
      switchTimes.push(await timed(() => renderWeek(i % 2 ? weekA : weekB)));
    }
    const { layout } = layoutOf(weekA);
    const boxes = layout.days.flat().length;
    const classesInHtml = html.split('data-testid="booking"').length - 1;
    if (layout.order.length !== CLASSES || classesInHtml < CLASSES) throw new Error(`expected ${CLASSES} classes, laid out ${layout.order.length}, rendered ${classesInHtml}`);

    const browser = await measureInChromium([weekA, weekB]);
    return {
      'classes in the week': layout.order.length,
      'boxes laid out (classes + busy blocks)': boxes,
      'layout only, median': `${median(layoutTimes).toFixed(2)} ms`,
      'render a week (layout + renderToString), median': `${median(renderTimes).toFixed(1)} ms`,
      'switch weeks (layout + renderToString of the next week), median': `${median(switchTimes).toFixed(1)} ms`,
      'HTML of the week': `${(Buffer.byteLength(html) / 1024).toFixed(0)} KB`,
      ...browser,
    };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}
