import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Platform } from '../../main/platform';

/**
 * The harness's stand-ins for Electron's shell and clipboard: "open in the
 * system browser" runs $BROWSER with the URL (else prints it), and the
 * clipboard is the file named by TEACHER_DESK_CLIPBOARD_FILE, and exports
 * are written to a folder.
 */
export function harnessPlatform(env: NodeJS.ProcessEnv, print: (line: string) => void, dataDir: string): Platform {
  const openExternal = async (url: string) => {
    const browser = env.BROWSER;
    if (!browser) {
      print(`Open this in a browser: ${url}`);
      return;
    }
    // No shell: the URL is one argument, never interpreted.
    const child = spawn(browser, [url], { stdio: 'inherit', detached: false });
    child.on('error', (error) => print(`$BROWSER (${browser}) failed: ${error.message}. Open this instead: ${url}`));
  };
  return {
    openExternal,
    openSignInPage: openExternal,
    // No dialog in the harness: exports go to TEACHER_DESK_EXPORT_DIR, else <data dir>/exports.
    async saveFile(suggestedName, content) {
      const dir = env.TEACHER_DESK_EXPORT_DIR ?? join(dataDir, 'exports');
      await mkdir(dir, { recursive: true });
      const path = join(dir, suggestedName.replace(/[/\\]/g, '_'));
      await writeFile(path, content, 'utf8');
      return path;
    },
    async writeClipboard(text) {
      const file = env.TEACHER_DESK_CLIPBOARD_FILE;
      if (file) await writeFile(file, text, 'utf8');
      else print('Copied (set TEACHER_DESK_CLIPBOARD_FILE to keep the harness clipboard in a file).');
    },
  };
}
