import { renameSync, readFileSync, lstatSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Conf from 'conf';
import type { Notice } from '../../shared/ipc/contract';
import { systemClock, type Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { fileStamp } from '../store/store-file';
import { decodeJsonObject, UnreadableStoreError } from '../store/store-json';
import type { KeyValueBackend } from './settings-store';

export const SETTINGS_NAME = 'settings';

export interface ConfBackendOptions {
  dataDir: string;
  clock?: Clock;
  log?: Logger;
}

function freeName(dir: string, base: string): string {
  for (let n = 1; ; n++) {
    const candidate = join(dir, `${base}${n === 1 ? '' : `-${n}`}.json`);
    try {
      lstatSync(candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return candidate;
    }
  }
}

/**
 * If the settings file exists but is not a JSON object (broken JSON, binary,
 * 0 bytes), moves it aside as `settings.damaged-<stamp>.json` and returns a
 * notice. conf and electron-store throw on such a file, and with
 * `clearInvalidConfig` they would silently start over and overwrite it at the
 * next save; call this before constructing either.
 */
export function keepCorruptSettingsAside(path: string, clock: Clock = systemClock, log: Logger = silentLogger): Notice | undefined {
  let reason: string;
  try {
    decodeJsonObject(readFileSync(path));
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    reason = error instanceof UnreadableStoreError ? error.reason : `the system refused to read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
  const name = basename(path).replace(/\.json$/, '');
  const keptAs = freeName(dirname(path), `${name}.damaged-${fileStamp(clock())}`);
  renameSync(path, keptAs);
  const message = `The settings file could not be read because ${reason}. It was kept unchanged as ${keptAs}, and the default settings are used.`;
  log.warn('settings file kept aside', { keptAs, reason });
  return { kind: 'settings-damaged', message, keptAs };
}

/** conf signals a corrupt file with JSON.parse's SyntaxError. */
const isCorruptFileError = (error: unknown): boolean => error instanceof SyntaxError;

/** Settings in `<dataDir>/settings.json` through conf, which electron-store wraps; same file name as the Electron build. */
export function createConfBackend(options: ConfBackendOptions): KeyValueBackend & { readonly path: string; readonly notices: Notice[] } {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? silentLogger;
  const notices: Notice[] = [];
  const path = join(options.dataDir, `${SETTINGS_NAME}.json`);

  const setAside = () => {
    const notice = keepCorruptSettingsAside(path, clock, log);
    if (notice) notices.push(notice);
  };
  setAside();
  // clearInvalidConfig stays false: a corrupt file must make conf throw, never be silently replaced.
  const conf = new Conf<Record<string, unknown>>({
    cwd: options.dataDir,
    configName: SETTINGS_NAME,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });

  /** conf reads the file on every call; if it was damaged while the app ran, set it aside and go on from defaults. */
  function guarded<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (!isCorruptFileError(error)) throw error;
      setAside();
      return run();
    }
  }

  return {
    path: conf.path,
    notices,
    get: (key) => guarded(() => conf.get(key)),
    set: (key, value) => guarded(() => conf.set(key, value)),
    delete: (key) => guarded(() => conf.delete(key)),
  };
}
