import type Conf from 'conf';
import type ElectronStore from 'electron-store';
import type { KeyValueBackend } from '../../main/settings/settings-store';

/**
 * Type tests: checked by `npm run typecheck` (tsc), never run. Each function
 * compiles only while its argument fits where the return type is needed.
 * electron-store cannot be instantiated outside Electron, so its fit is
 * proved here; conf's is also proved at run time (tests/unit/settings.test.ts).
 */
export const confFits = (store: Conf<Record<string, unknown>>): KeyValueBackend => store;
export const electronStoreFits = (store: ElectronStore<Record<string, unknown>>): KeyValueBackend => store;
