import { clipboard, shell } from 'electron';
import { guardPlatform } from '../desktop/external-url';
import type { Logger } from '../logger';
import type { Platform } from '../platform';

/**
 * Electron's shell and clipboard for the core. openExternal goes through the
 * allow-list (main/desktop/external-url.ts): only https Google Meet and
 * Google Calendar links reach shell.openExternal, in their normalised form;
 * anything else is refused (AppError NOT_ALLOWED) and logged.
 */
export function createElectronPlatform(log: Logger): Platform {
  return guardPlatform(
    {
      openExternal: (url) => shell.openExternal(url),
      // Built by the account service from the configured authorization endpoint, never from the page.
      openSignInPage: (url) => shell.openExternal(url),
      writeClipboard: async (text) => clipboard.writeText(text),
    },
    log,
  );
}
