import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

export interface HarnessProcess {
  url: string;
  dataDir: string;
  output: string[];
  stop(): Promise<void>;
}

/**
 * Runs the harness as `npm run harness` does (renderer and bridge are built
 * by `npm run test:e2e` first), in its own process with its own TZ, and
 * waits for its ready line.
 */
export async function startHarnessProcess(options: { env?: Record<string, string>; dataDir?: string } = {}): Promise<HarnessProcess> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-')));
  const output: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'tests/harness/cli.ts')], {
    cwd: root,
    env: { ...process.env, TEACHER_DESK_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`harness did not start:\n${output.join('')}`)), 30_000);
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      const match = /Harness ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`harness exited with ${code}:\n${output.join('')}`));
    });
  });
  return {
    url,
    dataDir,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
