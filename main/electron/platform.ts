import { clipboard, shell } from 'electron';
import type { Platform } from '../platform';

export const electronPlatform: Platform = {
  openExternal: (url) => shell.openExternal(url),
  writeClipboard: async (text) => clipboard.writeText(text),
};
