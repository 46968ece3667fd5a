import type { SaveFile } from './export/save-file';

/**
 * What the core needs from the desktop, injected: Electron's shell and
 * clipboard in the app, $BROWSER and a file in the browser harness, fakes
 * in unit tests.
 */
export interface Platform {
  /** Opens a class link (Meet, the calendar event) in the system browser; allow-listed in Electron. */
  openExternal(url: string): Promise<void>;
  /** Opens Google's consent page, built by the core from its configured endpoint, in the system browser. */
  openSignInPage(url: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
  /** Saves an export where the teacher chooses (a save dialog in the app); resolves with the path, rejects CANCELLED. */
  saveFile: SaveFile;
}
