import { resolve } from 'node:path';

/** Overrides where Teacher Desk keeps its data (tests, the harness, a second profile). */
export const DATA_DIR_ENV = 'TEACHER_DESK_DATA_DIR';

/**
 * The data directory: `TEACHER_DESK_DATA_DIR` when set and not blank, else
 * `defaultDir` (Electron's userData). Always absolute (a relative override is
 * taken from the current directory). Creating it is the stores' job.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv, defaultDir: string): string {
  const override = env[DATA_DIR_ENV]?.trim();
  return resolve(override || defaultDir);
}
