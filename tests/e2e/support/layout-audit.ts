import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Measurements of what the teacher can read, taken in the page: text that
 * overflows its box or is cut by an ancestor, text drawn over other text,
 * and axe-core's serious and critical findings. Each answer names the
 * element, so a failure says where to look.
 */

const AXE = resolve(import.meta.dirname, '../../../node_modules/axe-core/axe.min.js');

export interface TextProblem {
  kind: 'overflow' | 'clipped' | 'overlap';
  what: string;
}

const PAGE_SCRIPT = resolve(import.meta.dirname, 'layout-audit.page.js');

interface PageAudit {
  textProblems(): TextProblem[];
  unreadableBoxes(): string[];
}

async function audit(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'layoutAudit' in globalThis))) await page.evaluate(await readFile(PAGE_SCRIPT, 'utf8'));
}

/** Every visible text in the app: overflowing its own box (scrollWidth over clientWidth), cut by an ancestor that hides overflow, or overlapping another text. */
export async function textProblems(page: Page): Promise<TextProblem[]> {
  await audit(page);
  return page.evaluate(() => (globalThis as unknown as { layoutAudit: PageAudit }).layoutAudit.textProblems());
}

/** Each class box in view: are its time and the whole student name inside it, each word of the name on one line? */
export async function unreadableBoxes(page: Page): Promise<string[]> {
  await audit(page);
  return page.evaluate(() => (globalThis as unknown as { layoutAudit: PageAudit }).layoutAudit.unreadableBoxes());
}

/** axe-core on the whole page (WCAG 2 A and AA, contrast included): the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // The app's CSP (script-src 'self') refuses an injected <script> (page.addScriptTag), and rightly: evaluate it instead, leaving the CSP on.
  if (!loaded) await page.evaluate(await readFile(AXE, 'utf8'));
  return page.evaluate(async () => {
    const win = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } };
    const result = await win.axe.run(win.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`));
  });
}
