/**
 * The main window's BrowserWindow options, as a plain object so a test can
 * read exactly what Electron is given (main/electron/window.ts passes it on).
 * The security part (webPreferences) follows Electron's security checklist:
 * context isolation, the renderer sandbox, no Node in the page or its
 * workers, web security on, no insecure content, no <webview>, and no
 * experimental features.
 */
export interface MainWindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  title: string;
  show: boolean;
  webPreferences: SecureWebPreferences;
}

export interface SecureWebPreferences {
  preload: string;
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  spellcheck: boolean;
}

export function secureWebPreferences(preload: string): SecureWebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file on the window must not navigate to it.
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(paths: { preload: string }): MainWindowOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Teacher Desk',
    show: false,
    webPreferences: secureWebPreferences(paths.preload),
  };
}
