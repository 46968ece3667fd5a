import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from '../shared/ipc/api';

/**
 * The one bridge between the sandboxed renderer and main: window.api, built
 * from the IPC contract. The renderer never sees ipcRenderer itself.
 */
contextBridge.exposeInMainWorld(
  'api',
  createApi({
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    subscribe(channel, listener) {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => ipcRenderer.removeListener(channel, forward);
    },
  }),
);
