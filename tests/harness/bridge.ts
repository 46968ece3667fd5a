import { createApi, type Transport } from '../../shared/ipc/api';

/**
 * The browser harness's preload: defines window.api over loopback HTTP,
 * the way preload/index.ts defines it over Electron IPC. Built to
 * out/harness/bridge.js and injected by the harness server only.
 */
const token = document.querySelector<HTMLMetaElement>('meta[name="teacher-desk-harness-token"]')?.content ?? '';
const TOKEN_HEADER = 'x-teacher-desk-token';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

async function listen(): Promise<void> {
  // fetch, not EventSource, because the run token goes in a header.
  for (;;) {
    try {
      const response = await fetch('/events', { headers: { [TOKEN_HEADER]: token } });
      if (!response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const { channel, payload } = JSON.parse(data.slice(6)) as { channel: string; payload: unknown };
          for (const listener of listeners.get(channel) ?? []) listener(payload);
        }
      }
    } catch {
      // The harness went away; try again shortly, as Electron IPC would simply resume.
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const transport: Transport = {
  async invoke(channel, request) {
    try {
      const response = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(request),
      });
      return await response.json();
    } catch (error) {
      return { ok: false, error: { code: 'INTERNAL', message: `The harness did not answer (${(error as Error).message}).` } };
    }
  },
  subscribe(channel, listener) {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
};

void listen();
Object.defineProperty(window, 'api', { value: Object.freeze(createApi(transport)), writable: false });
