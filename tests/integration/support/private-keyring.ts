import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The login keyring's password in tests/keyring-session.sh and here. */
export const KEYRING_PASSWORD = 'ci-keyring';
const LOGIN = '/org/freedesktop/secrets/collection/login';
const root = resolve(import.meta.dirname, '../../..');
const FIRST_WRITE = `
const { AsyncEntry } = require('@napi-rs/keyring');
const entry = new AsyncEntry('Teacher Desk private keyring', 'first-write', { linux: { store: 'secret-service' } });
entry.setPassword('not a secret').then(() => entry.deletePassword()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`;

/**
 * A real gnome-keyring on a D-Bus session bus of its own, so a test can lock
 * it without touching the keyring the rest of the suite shares. Code that
 * should use it runs in a child process with `env`.
 */
export interface PrivateKeyring {
  /** DBUS_SESSION_BUS_ADDRESS and the XDG directories of this keyring. */
  readonly env: Record<string, string>;
  /** Locks the login collection (Secret Service `Lock`). */
  lock(): void;
  /** Unlocks it with its password: a new daemon replaces the running one (gnome-keyring has no D-Bus unlock without a prompt). */
  unlock(): Promise<void>;
  isLocked(): boolean;
  close(): Promise<void>;
}

export function privateKeyringTools(): string | null {
  for (const tool of ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return tool;
  }
  return null;
}

function dbusSend(env: Record<string, string>, args: string[]): string {
  const run = spawnSync('dbus-send', ['--session', '--print-reply', '--dest=org.freedesktop.secrets', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 10_000 });
  if (run.status !== 0) throw new Error(`dbus-send ${args.join(' ')} failed: ${run.stderr || run.error?.message}`);
  return run.stdout;
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if (check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  return exited;
}

export async function startPrivateKeyring(): Promise<PrivateKeyring> {
  const dir = await mkdtemp(join(tmpdir(), 'teacher-desk-keyring-'));
  const runtime = join(dir, 'run');
  await mkdir(runtime, { mode: 0o700 });
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    bus.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!.trim());
    });
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited with ${code}`)));
  });
  const env = { DBUS_SESSION_BUS_ADDRESS: address, XDG_DATA_HOME: join(dir, 'data'), XDG_RUNTIME_DIR: runtime };

  // gnome-keyring-daemon forks: the command returns once the daemon is ready (asked earlier, it can lose the login
  // collection for good). Its pid comes from the bus, so close() stops exactly the daemons started here.
  const daemons = new Set<number>();
  const startDaemon = async (replace: boolean) => {
    const args = ['--unlock', '--components=secrets', ...(replace ? ['--replace'] : [])];
    const starter = spawn('gnome-keyring-daemon', args, { env: { ...process.env, ...env }, stdio: ['pipe', 'ignore', 'ignore'] });
    starter.stdin!.end(KEYRING_PASSWORD);
    const code = await new Promise<number | null>((r) => starter.once('exit', r));
    if (code !== 0) throw new Error(`gnome-keyring-daemon ${args.join(' ')} exited with ${code}`);
    const owner = spawnSync(
      'dbus-send',
      ['--session', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'string:org.freedesktop.secrets'],
      { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 10_000 },
    );
    const pid = Number(/uint32 (\d+)/.exec(owner.stdout)?.[1]);
    if (pid) daemons.add(pid);
  };
  const isLocked = () => /boolean true/.test(dbusSend(env, [LOGIN, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked']));

  // gnome-keyring creates the login collection at the first write: make one (and take it back), so there is something to lock.
  const firstWrite = () => spawnSync(process.execPath, ['-e', FIRST_WRITE], { cwd: root, env: { ...process.env, ...env }, timeout: 10_000 }).status === 0;
  const close = async () => {
    for (const pid of daemons) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone (replaced)
      }
    }
    await stopProcess(bus);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await startDaemon(false);
    await until(firstWrite, 'the private keyring answers a first write');
    await until(() => !isLocked(), 'the private keyring is up and unlocked');
  } catch (error) {
    await close();
    throw error;
  }

  return {
    close,
    env,
    isLocked,
    lock() {
      dbusSend(env, ['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', `array:objpath:${LOGIN}`]);
      if (!isLocked()) throw new Error('the login collection did not lock');
    },
    async unlock() {
      await startDaemon(true);
      await until(() => !isLocked(), 'the login collection is unlocked');
    },
  };
}
