import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

export const NO_ELECTRON = 'skipped: no Electron binary on this machine';
export const NO_DISPLAY = 'skipped: no display for Electron (set DISPLAY, or run under xvfb-run)';

/**
 * The Electron binary `npm install` downloaded, or null. The electron
 * package's main export is that path, and it throws when the download was
 * skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1), as on these workstations.
 */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Why the Electron tests cannot run here, or null when they can. */
export function skipReason(): string | null {
  if (!electronBinary()) return NO_ELECTRON;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return NO_DISPLAY;
  return null;
}
