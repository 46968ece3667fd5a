import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INSIDE, PHASE_FILE } from './crash-phase';

/**
 * Crash tests that prove where they crashed. A child process loops over
 * writes and marks, with `writePhase()` (crash-phase.ts), when it is inside
 * one; the parent (`killDuringWrites`, here) kills it with SIGKILL at
 * varying moments, reads the mark the child left and runs the test's check
 * on what the crash left behind. Only a kill that landed inside a write tests crash safety, so the
 * parent keeps killing, with other timings, until enough did (bounded), and
 * fails otherwise. Timings alternate between blind (some milliseconds after
 * the loop began, wherever that falls) and aimed (just after the child said
 * it entered its n-th write), so kills land inside writes even when writing
 * is a small part of the loop.
 *
 * Child side:   const phase = writePhase(); … phase.ready(); loop { phase.enter(); …write…; phase.leave(); }
 * Parent side:  const kills = await killDuringWrites({ script, args, check: async (kill) => { …reopen, expect… } });
 */

/** When to kill: `ms` after the child's ready(), or `ms` after its `nth` enter() (1 = the first write). */
export type KillTiming = { after: 'ready'; ms: number } | { after: 'enter'; nth: number; ms: number };

export interface Kill {
  /** 0, 1, 2… */
  attempt: number;
  timing: KillTiming;
  /** The child's last mark was enter(): the kill interrupted a write. */
  insideWrite: boolean;
}

export interface KillOptions {
  /** The child script (run with tsx, from the repo root) and its arguments. */
  script: string;
  args?: string[];
  /** After each kill, before the next: check what the crash left (reopen, expect…). */
  check(kill: Kill): Promise<void>;
  /** Kills that must land inside a write (default 1). */
  wanted?: number;
  /** Kill at least this many times in all (default 4). */
  minKills?: number;
  /** Give up after this many kills (default 40); fewer than `wanted` inside a write then fails. */
  maxKills?: number;
  /** When to kill, per attempt (default: `variedTiming`). */
  timing?(attempt: number): KillTiming;
}

const root = resolve(import.meta.dirname, '../..');
const FALLBACK_MS = 10_000;

/** Even attempts blind, spread over 20–400 ms after ready; odd ones 0–2 ms after the 1st–5th write began. */
export function variedTiming(attempt: number): KillTiming {
  const n = Math.floor(attempt / 2);
  return attempt % 2 === 0 ? { after: 'ready', ms: 20 + ((n * 97) % 380) } : { after: 'enter', nth: 1 + (n % 5), ms: n % 3 };
}

/** Kills the child again and again until `wanted` kills landed inside a write; returns every kill. */
export async function killDuringWrites(options: KillOptions): Promise<Kill[]> {
  const { wanted = 1, minKills = 4, maxKills = 40, timing: timingOf = variedTiming } = options;
  const dir = await mkdtemp(join(tmpdir(), 'td-crash-phase-'));
  const kills: Kill[] = [];
  try {
    for (let attempt = 0; attempt < maxKills; attempt++) {
      const phaseFile = join(dir, `phase-${attempt}`);
      const timing = timingOf(attempt);
      await runAndKill(options.script, options.args ?? [], phaseFile, timing);
      const kill = { attempt, timing, insideWrite: (await readFile(phaseFile, 'utf8').catch(() => '')) === INSIDE };
      kills.push(kill);
      await options.check(kill);
      const inside = kills.filter((k) => k.insideWrite).length;
      if (inside >= wanted && kills.length >= minKills) return kills;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const inside = kills.filter((k) => k.insideWrite).length;
  throw new Error(`only ${inside} of ${kills.length} kills landed inside a write (wanted ${wanted}): the crash was not tested where it matters`);
}

function runAndKill(script: string, args: string[], phaseFile: string, timing: KillTiming): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: { ...process.env, [PHASE_FILE]: phaseFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let pending = '';
    let entered = 0;
    let ready = false;
    let timer: NodeJS.Timeout | undefined;
    let fallback: NodeJS.Timeout | undefined;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') {
          ready = true;
          // An aimed kill still comes if the child never writes (then it is outside a write).
          fallback = setTimeout(() => child.kill('SIGKILL'), FALLBACK_MS);
        }
        else if (line === 'enter' && ready) entered++;
        const due = timing.after === 'ready' ? ready : entered >= timing.nth;
        if (due && !timer) timer = setTimeout(() => child.kill('SIGKILL'), timing.ms);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(fallback);
      if (signal === 'SIGKILL') done();
      else fail(new Error(`the child ended before the kill (exit ${code ?? signal}): ${stderr}`));
    });
  });
}
