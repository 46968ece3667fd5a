import type { IpcMainInvokeEvent } from 'electron';
import { contract, events as eventContract, type Method } from '../../shared/ipc/contract';
import type { Core } from '../core';
import type { Logger } from '../logger';
import { isTrustedSender, type TrustedRenderer } from '../ipc/sender';

/** Electron's ipcMain, as far as registerIpc uses it (injected, so a test can see every registration). */
export interface IpcRegistrar {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => unknown): void;
}

/**
 * Registers one handler per contract channel. Each checks the sender first
 * (messages from anything but the app's own page are dropped and logged),
 * then hands the payload to the core's dispatcher, which validates it.
 * tests/unit/security-ipc.test.ts checks every channel goes through the check.
 */
export function registerIpc(ipc: IpcRegistrar, core: Pick<Core, 'dispatch'>, trusted: TrustedRenderer, log: Logger): void {
  for (const method of Object.keys(contract) as Method[]) {
    const { channel } = contract[method];
    ipc.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      const sender = { webContentsId: event.sender.id, frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame === event.sender.mainFrame };
      if (!isTrustedSender(sender, trusted)) {
        log.warn('dropped an IPC message from an unknown sender', { channel, url: sender.frameUrl });
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This window may not talk to Teacher Desk.' } };
      }
      return core.dispatch(channel, payload);
    });
  }
}

/** Forwards the core's pushes to the app's windows. */
export function forwardEvents(core: Core, send: (channel: string, payload: unknown) => void): () => void {
  return core.events.subscribe((event, payload) => send(eventContract[event].channel, payload));
}
