import { writeFile } from 'node:fs/promises';
import { BrowserWindow, clipboard, dialog, shell } from 'electron';
import { AppError } from '../../shared/ipc/errors';
import { oauthEndpointsFromEnv } from '../auth/oauth-client';
import { guardPlatform } from '../desktop/external-url';
import type { Logger } from '../logger';
import type { Platform } from '../platform';

/**
 * Electron's shell and clipboard for the core. Both browser openers are
 * guarded (main/desktop/external-url.ts), so shell.openExternal only ever
 * sees, in normalised form:
 *  - openExternal: https Google Meet and Google Calendar links;
 *  - openSignInPage: Google's consent page, built by the account service from
 *    the configured authorization endpoint (GOOGLE_OAUTH_AUTH_URL or Google's),
 *    never from the page.
 * Anything else is refused (AppError NOT_ALLOWED) and logged.
 */
export function createElectronPlatform(log: Logger, env: Record<string, string | undefined> = process.env): Platform {
  return guardPlatform(
    {
      openExternal: (url) => shell.openExternal(url),
      openSignInPage: (url) => shell.openExternal(url),
      writeClipboard: async (text) => clipboard.writeText(text),
      async saveFile(suggestedName, content) {
        const window = BrowserWindow.getFocusedWindow();
        const options = { defaultPath: suggestedName };
        const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
        if (canceled || !filePath) throw new AppError('CANCELLED', 'Nothing was exported.');
        await writeFile(filePath, content, 'utf8');
        return filePath;
      },
    },
    log,
    () => oauthEndpointsFromEnv(env).authUrl,
  );
}
