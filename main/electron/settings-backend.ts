import { join } from 'node:path';
import ElectronStore from 'electron-store';
import { systemClock } from '../clock';
import type { Logger } from '../logger';
import { keepCorruptSettingsAside, removeSettingsTempLeftovers, SETTINGS_NAME } from '../settings/conf-backend';
import type { KeyValueBackend } from '../settings/settings-store';

/**
 * Settings through electron-store (conf with Electron's defaults), in the
 * same settings.json the harness's conf backend uses. electron-store throws
 * on a corrupt file, so a damaged one is kept aside first and reported;
 * temp files of an interrupted write are removed first.
 */
export function electronSettingsBackend(dataDir: string, log: Logger): KeyValueBackend {
  removeSettingsTempLeftovers(dataDir, log);
  const notice = keepCorruptSettingsAside(join(dataDir, `${SETTINGS_NAME}.json`), systemClock, log);
  const store = new ElectronStore<Record<string, unknown>>({ cwd: dataDir, name: SETTINGS_NAME });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    path: store.path,
    notices: notice ? [notice] : [],
  };
}
