import { lstatSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
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

/** atomically's temp name, which conf and electron-store write through: `settings.json.tmp-<10 digits><6 hex>`. */
const TEMP_LEFTOVER = new RegExp(`^${SETTINGS_NAME}\\.json\\.tmp-\\d{10}[a-f0-9]{6}$`);

/**
 * Removes the temp files a write cut short (a kill, a power cut) left next to
 * settings.json; atomically purges them only on a clean exit. Only regular
 * files: anything else with such a name is left alone and logged. Returns
 * the names removed. Call it at start, before anything writes settings.
 */
export function removeSettingsTempLeftovers(dataDir: string, log: Logger = silentLogger): string[] {
  let names: string[];
  try {
    names = readdirSync(dataDir).filter((name) => TEMP_LEFTOVER.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const removed: string[] = [];
  for (const name of names) {
    const path = join(dataDir, name);
    try {
      if (!lstatSync(path).isFile()) {
        log.warn('left alone: named like a settings temp file but not a file', { name });
        continue;
      }
      unlinkSync(path);
      removed.push(name);
    } catch (error) {
      log.warn('could not remove a settings temp file', { name, reason: (error as Error).message });
    }
  }
  if (removed.length > 0) log.info('removed settings temp files left by an interrupted write', { removed });
  return removed;
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
  removeSettingsTempLeftovers(options.dataDir, log);
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
