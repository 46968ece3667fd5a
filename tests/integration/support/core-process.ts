import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { contract, type Method } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/errors';

const root = resolve(import.meta.dirname, '../../..');

export interface CoreProcess {
  /** A request on the method's channel, answered as the renderer would get it. */
  request(method: Method, payload?: unknown): Promise<Result<unknown>>;
  /** Pushes from the core, oldest first. */
  readonly events: { event: string; payload: unknown }[];
  /** Resolves with the first push that matches, waiting for it if needed. */
  waitForEvent(match: (event: string, payload: unknown) => boolean, ms?: number): Promise<unknown>;
  /** stderr so far (the core's log). */
  log(): string;
  /** Exit code or signal once it ended on its own; null while it runs. */
  ended(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /**
   * Freezes the core (SIGSTOP) until the returned resume() (SIGCONT): a test that swaps the keyring's daemon
   * does it while nothing asks the keyring, as gnome-keyring loses its login collection when asked while it starts.
   */
  pause(): () => void;
  /** Closes stdin (the core closes its store and exits) and waits. */
  stop(): Promise<void>;
}

/** Starts tests/integration/support/core-child.ts with `env` and waits until the core is up (rejects with its log if it dies first). */
export async function startCoreProcess(env: Record<string, string>): Promise<CoreProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/integration/support/core-child.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      r();
    }),
  );
  const events: { event: string; payload: unknown }[] = [];
  const waiters = new Set<() => void>();
  const pending = new Map<number, (reply: Result<unknown>) => void>();
  let nextId = 1;
  const ready = new Promise<void>((resolveReady, reject) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      const message = JSON.parse(text) as { ready?: true; id?: number; reply?: Result<unknown>; event?: string; payload?: unknown };
      if (message.ready) resolveReady();
      else if (message.id !== undefined) pending.get(message.id)?.(message.reply!);
      else if (message.event) {
        events.push({ event: message.event, payload: message.payload });
        for (const wake of waiters) wake();
      }
    });
    void exited.then(() => reject(new Error(`the core exited (${JSON.stringify(exit)}) before it was ready:\n${stderr}`)));
  });
  await ready;

  return {
    events,
    request(method, payload = {}) {
      const id = nextId++;
      return new Promise((resolveReply, reject) => {
        pending.set(id, resolveReply);
        void exited.then(() => reject(new Error(`the core exited (${JSON.stringify(exit)}):\n${stderr}`)));
        child.stdin.write(`${JSON.stringify({ id, channel: contract[method].channel, payload })}\n`);
      });
    },
    waitForEvent(match, ms = 10_000) {
      return new Promise((resolveEvent, reject) => {
        const check = () => {
          const found = events.find((e) => match(e.event, e.payload));
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolveEvent(found.payload);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}\n${stderr}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    log: () => stderr,
    ended: () => exit,
    pause() {
      child.kill('SIGSTOP');
      return () => void child.kill('SIGCONT');
    },
    async stop() {
      if (!exit) {
        child.stdin.end();
        await exited;
      }
    },
  };
}
