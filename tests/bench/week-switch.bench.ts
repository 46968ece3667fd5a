import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import type { Booking } from '../../shared/booking';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, shiftWeek, weekContaining } from '../../shared/week';
import { seedWeek } from '../e2e/support/week-seed';
import { startHarness } from '../harness/start';
import { median } from './benchmark';
import { crowdedWeek, teachingWeek } from './week-fixtures';
import { AFTER_PAINT_SCRIPT, type PageBench } from './week-switch-page';

/**
 * What the teacher feels when switching weeks: the real app (renderer built
 * for production, the harness running the same core and handlers as
 * Electron's main, over its loopback IPC) in Debian's Chromium, timed in the
 * page from the click on "next week" (the input event's timestamp) to the
 * paint of the frame that shows the new week (requestAnimationFrame, then a
 * MessageChannel message, which runs after that frame is painted).
 *
 * Each figure is measured twice in the same run: with the app as built
 * (previous and next week fetched and laid out ahead, this week asked for
 * with the settings at start), and with a build that fetches each week after
 * the click and the first one after the settings (VITE_WEEK_PREFETCH=off,
 * the app's behaviour before prefetching): the naive baseline.
 */
export const name = 'week switch in the real app (harness + Chromium: click to next paint, page load to first week painted)';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ZONE = DEFAULT_TIME_ZONE;
const WARMUP = 3;
const SWITCHES = 24;
const LOADS = 5;
const CACHED = 20_000;
const VIEWPORT = { width: 1280, height: 800 };

interface Variant {
  label: 'project' | 'naive';
  rendererDir: string;
}

/** The renderer and the bridge as `npm run harness` builds them, plus the naive renderer into a scratch directory. */
async function buildApp(scratch: string): Promise<Variant[]> {
  const base = { configFile: join(ROOT, 'vite.config.ts'), logLevel: 'silent' as const };
  await build({ ...base, mode: 'renderer' });
  await build({ ...base, mode: 'harness-bridge' });
  const naiveDir = join(scratch, 'renderer-naive');
  process.env.VITE_WEEK_PREFETCH = 'off';
  try {
    await build({ ...base, mode: 'renderer', build: { outDir: naiveDir } });
  } finally {
    delete process.env.VITE_WEEK_PREFETCH;
  }
  return [
    { label: 'project', rendererDir: join(ROOT, 'out/renderer') },
    { label: 'naive', rendererDir: naiveDir },
  ];
}

/** This week (in the teacher's zone) and the weeks after it, as the app will show them. */
function weeksFromNow(count: number): string[][] {
  const start = weekContaining(localDateOf(new Date(), ZONE), ZONE).start;
  return Array.from({ length: count }, (_, i) => weekContaining(shiftWeek(start, i), ZONE).days);
}

/** A data directory where this week and the next ones (enough for every switch) hold `perWeek` classes, topped up with past weeks to `total`. */
async function seedDataDir(scratch: string, name: string, perWeek: 60 | 500, total: number): Promise<{ dir: string; weeks: string[][] }> {
  const dir = join(scratch, name);
  const weeks = weeksFromNow(WARMUP + SWITCHES + 2);
  const bookings: Booking[] = weeks.flatMap((days, i) => (perWeek === 60 ? teachingWeek(days, 1000 + i, ZONE) : crowdedWeek(days, 500, 1000 + i, ZONE)));
  const firstWeek = weeks[0]![0]!;
  for (let back = 1; bookings.length < total; back++) {
    const days = weekContaining(shiftWeek(firstWeek, -back), ZONE).days;
    bookings.push(...teachingWeek(days, 5000 + back, ZONE).slice(0, total - bookings.length));
  }
  await seedWeek(dir, { bookings });
  return { dir, weeks };
}

async function withHarness<T>(dataDir: string, variant: Variant, work: (url: string) => Promise<T>): Promise<T> {
  const quiet = () => undefined;
  const harness = await startHarness({ ...process.env, TEACHER_DESK_DATA_DIR: dataDir, TEACHER_DESK_HARNESS_PORT: undefined }, quiet, { rendererDir: variant.rendererDir });
  try {
    return await work(harness.server.url);
  } finally {
    await harness.close();
  }
}

/** Days asked of main with listWeek, in order, and how many such requests are still open. */
function watchWeekRequests(page: Page): { asked: string[]; open: () => number } {
  const asked: string[] = [];
  let open = 0;
  const isWeek = (url: string) => url.includes('/ipc/') && decodeURIComponent(url).includes('bookings:list-week');
  page.on('request', (request) => {
    if (!isWeek(request.url())) return;
    open++;
    asked.push((JSON.parse(request.postData() ?? '{}') as { day?: string }).day ?? '?');
  });
  const done = (request: { url(): string }) => {
    if (isWeek(request.url())) open--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { asked, open: () => open };
}

/** Waits until no week request is open for a while and the page had idle time: what a teacher reading the week gives it. */
async function settle(page: Page, open: () => number): Promise<void> {
  const until = Date.now() + 10_000;
  let quietSince = Date.now();
  while (Date.now() < until) {
    if (open() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 250) break;
    await page.waitForTimeout(25);
  }
  await page.evaluate(() => new Promise((done) => (globalThis as unknown as { requestIdleCallback(f: () => void, o: object): void }).requestIdleCallback(() => done(null), { timeout: 1000 })));
}

async function newAppPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'es-AR' });
  await context.addInitScript(AFTER_PAINT_SCRIPT);
  return context.newPage();
}

const bench = (page: Page) => page.evaluate.bind(page) as <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;
type BenchGlobal = { __weekBench: PageBench };

/** Milliseconds from each click on "next week" to the paint of the week it asked for; checks the requests match the variant. */
interface Switches {
  times: number[];
  /** Per switch: click -> DOM committed, committed -> after paint. */
  parts: PageBench['split'][];
}

async function switches(browser: Browser, url: string, weeks: string[][], variant: Variant): Promise<Switches> {
  const page = await newAppPage(browser);
  try {
    const requests = watchWeekRequests(page);
    await page.goto(url);
    await page.locator(`.week-pane.is-shown [data-day="${weeks[0]![0]}"]`).waitFor();
    const times: number[] = [];
    const parts: Switches['parts'] = [];
    for (let i = 1; i <= WARMUP + SWITCHES; i++) {
      await settle(page, requests.open);
      const target = weeks[i]![0]!;
      const askedBefore = requests.asked.includes(target);
      await bench(page)((day) => (globalThis as unknown as BenchGlobal).__weekBench.arm(day), target);
      await page.getByTestId('week-next').click();
      const ms = await bench(page)(() => (globalThis as unknown as BenchGlobal).__weekBench.result, null);
      // The two builds must differ where they claim to: ahead of the click, or after it.
      if (variant.label === 'project' && !askedBefore) throw new Error(`project build: week ${target} was not fetched before the click`);
      if (variant.label === 'naive' && askedBefore) throw new Error(`naive build: week ${target} was fetched before the click`);
      const split = await bench(page)(() => (globalThis as unknown as BenchGlobal).__weekBench.split, null);
      if (i > WARMUP) {
        times.push(ms);
        parts.push(split);
      }
    }
    return { times, parts };
  } finally {
    await page.context().close();
  }
}

/** Milliseconds from navigation start to the paint of the first frame with the week's classes, each load in a fresh browser context (cold cache). */
async function firstPaints(browser: Browser, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < LOADS + 1; i++) {
    const page = await newAppPage(browser);
    try {
      await page.goto(url);
      const ms = await bench(page)(() => (globalThis as unknown as BenchGlobal).__weekBench.firstWeekPainted, null);
      if (i > 0) times.push(ms); // the first load warms the harness (its first listWeek, the OS file cache)
    } finally {
      await page.context().close();
    }
  }
  return times;
}

const figure = (times: number[]) => `median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms`;
const ratio = (naive: number[], project: number[]) => `${(median(naive) / median(project)).toFixed(1)}× (naive median / project median)`;

export async function run(): Promise<Record<string, string | number>> {
  if (!existsSync(CHROMIUM)) return { skipped: `no browser at ${CHROMIUM} (set CHROMIUM_PATH)` };
  const scratch = await mkdtemp(join(tmpdir(), 'td-bench-week-switch-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const variants = await buildApp(scratch);
    const teacher = await seedDataDir(scratch, 'teacher-20000', 60, CACHED);
    const crowded = await seedDataDir(scratch, 'crowded-500', 500, 0);
    const out: Record<string, string | number> = {};
    const none: Switches = { times: [], parts: [] };
    const measured: Record<string, Record<Variant['label'], Switches>> = { 60: { project: none, naive: none }, 500: { project: none, naive: none } };
    const loads: Record<Variant['label'], number[]> = { project: [], naive: [] };
    for (const variant of variants) {
      await withHarness(teacher.dir, variant, async (url) => {
        loads[variant.label] = await firstPaints(browser, url);
        measured[60]![variant.label] = await switches(browser, url, teacher.weeks, variant);
      });
      await withHarness(crowded.dir, variant, async (url) => {
        measured[500]![variant.label] = await switches(browser, url, crowded.weeks, variant);
      });
    }
    for (const size of [60, 500] as const) {
      const { project, naive } = measured[size]!;
      out[`week switch @${size} classes`] = figure(project.times);
      out[`week switch @${size} classes, naive (fetch after the click)`] = figure(naive.times);
      out[`week switch @${size} classes, ratio`] = ratio(naive.times, project.times);
      const part = (key: keyof Switches['parts'][number]) => median(project.parts.map((p) => p[key])).toFixed(0);
      out[`  where it goes @${size}, project (medians)`] = `click to DOM committed (data + React) ${part('toCommit')} ms, then style + layout + paint ${part('toPaint')} ms`;
    }
    const { project, naive } = loads;
    out[`first week painted @${CACHED} cached`] = `${median(project).toFixed(0)} ms (median of ${LOADS} loads, worst ${Math.max(...project).toFixed(0)} ms)`;
    out[`first week painted @${CACHED} cached, naive (the build without prefetching: the week asked for after the settings)`] = `${median(naive).toFixed(0)} ms (worst ${Math.max(...naive).toFixed(0)} ms)`;
    out[`first week painted @${CACHED} cached, ratio`] = ratio(naive, project);
    out['switches per figure'] = `${SWITCHES} (after ${WARMUP} warm-up), viewport ${VIEWPORT.width}×${VIEWPORT.height}`;
    return out;
  } finally {
    await browser.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
