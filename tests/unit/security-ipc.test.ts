import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { registerIpc } from '../../main/electron/ipc';
import { memoryLogger } from '../../main/logger';

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => unknown;

const pageUrl = 'file:///opt/Teacher%20Desk/resources/app.asar/out/renderer/index.html';

function register() {
  const handlers = new Map<string, Listener>();
  const dispatched: string[] = [];
  const log = memoryLogger();
  registerIpc(
    {
      handle(channel, listener) {
        expect(handlers.has(channel), `${channel} registered twice`).toBe(false);
        handlers.set(channel, listener);
      },
    },
    { dispatch: async (channel) => (dispatched.push(channel), { ok: true, value: 'dispatched' }) },
    { webContentsIds: new Set([7]), pageUrl },
    log,
  );
  return { handlers, dispatched, log };
}

/** A stand-in for Electron's invoke event: which webContents, which frame, and whether it is the top one. */
function event(options: { webContentsId?: number; url?: string | null; subFrame?: boolean } = {}): IpcMainInvokeEvent {
  const mainFrame = { url: options.url === undefined ? pageUrl : options.url };
  const frame = options.subFrame ? { url: mainFrame.url } : mainFrame;
  return { sender: { id: options.webContentsId ?? 7, mainFrame }, senderFrame: options.url === null ? null : frame } as unknown as IpcMainInvokeEvent;
}

describe('IPC registration', () => {
  const channels = Object.values(contract).map((entry) => entry.channel);

  it('registers every contract channel, and nothing else', () => {
    const { handlers } = register();
    expect([...handlers.keys()].sort()).toEqual([...channels].sort());
  });

  it('checks the sender on every channel before the core sees the message', async () => {
    const { handlers, dispatched, log } = register();
    const strangers = [
      event({ webContentsId: 8 }),
      event({ subFrame: true }),
      event({ url: 'https://evil.example/' }),
      event({ url: 'file:///tmp/index.html' }),
      event({ url: null }),
    ];
    for (const channel of channels) {
      const handler = handlers.get(channel)!;
      for (const stranger of strangers) {
        expect(await handler(stranger, {}), channel).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: expect.any(String) } });
      }
    }
    expect(dispatched).toEqual([]);
    expect(log.lines.filter((line) => line.includes('dropped an IPC message from an unknown sender'))).toHaveLength(channels.length * strangers.length);
  });

  it("hands messages from the app's own page to the core", async () => {
    const { handlers, dispatched } = register();
    for (const channel of channels) expect(await handlers.get(channel)!(event(), {})).toEqual({ ok: true, value: 'dispatched' });
    expect(dispatched).toEqual(channels);
  });
});
