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
 *
 * Under it, `runUntilKilled` runs one child until it is killed and hands back
 * its stdout lines; crash tests with a protocol of their own (the journal's
 * trace, the outbox's acknowledgements) use it directly and keep their own
 * proof of where the kill landed.
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

function runAndKill(script: string, args: string[], phaseFile: string, timing: KillTiming): Promise<string[]> {
  let entered = 0;
  let ready = false;
  let aimed = false;
  return runUntilKilled({
    script,
    args,
    env: { [PHASE_FILE]: phaseFile },
    onLine(line, kill) {
      if (line === 'ready') {
        ready = true;
        // An aimed kill still comes if the child never writes (then it is outside a write).
        kill(FALLBACK_MS);
      } else if (line === 'enter' && ready) entered++;
      const due = timing.after === 'ready' ? ready : entered >= timing.nth;
      if (due && !aimed) {
        aimed = true;
        kill(timing.ms);
      }
    },
  });
}

export interface RunUntilKilledOptions {
  /** The child script (run with tsx, from the repo root) and its arguments. */
  script: string;
  args?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Each whole line the child writes on stdout, as it comes; `kill(ms)` sends SIGKILL `ms` later (0: at once). */
  onLine(line: string, kill: (ms: number) => void): void;
  /** SIGKILL anyway this long after the start, so a child that never gets killed cannot hang the suite. */
  guardMs?: number;
}

/**
 * Runs a child until the test kills it with SIGKILL and resolves with every
 * line it wrote on stdout (read to the end: the pipe is drained before this
 * resolves); a child that ends any other way fails, with its stderr.
 */
export function runUntilKilled(options: RunUntilKilledOptions): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', options.script, ...(options.args ?? [])], {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timers: NodeJS.Timeout[] = [];
    const kill = (ms: number) => {
      if (ms === 0) child.kill('SIGKILL');
      else timers.push(setTimeout(() => child.kill('SIGKILL'), ms));
    };
    if (options.guardMs) kill(options.guardMs);
    const lines: string[] = [];
    let stderr = '';
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const parts = (pending + chunk.toString()).split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        options.onLine(line, kill);
      }
    });
    child.on('close', (code, signal) => {
      timers.forEach(clearTimeout);
      if (pending) lines.push(pending);
      if (signal === 'SIGKILL') done(lines);
      else fail(new Error(`the child ended before the kill (exit ${code ?? signal}): ${stderr}`));
    });
  });
}
