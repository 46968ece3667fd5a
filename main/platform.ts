/**
 * What the core needs from the desktop, injected: Electron's shell and
 * clipboard in the app, $BROWSER and a file in the browser harness, fakes
 * in unit tests.
 */
export interface Platform {
  openExternal(url: string): Promise<void>;
  writeClipboard(text: string): Promise<void>;
}
