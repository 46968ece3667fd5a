import type { Result } from './errors';
import { eventChannels, methodChannels } from './channels';
import type { EventName, EventPayload, Method, ReplyOf, RequestOf } from './contract';

/** `window.api`: one method per contract entry, plus `on` for pushes from main. */
export type Api = { [M in Method]: (request: RequestOf<M>) => Promise<Result<ReplyOf<M>>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export interface Transport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Builds `window.api` over a transport: Electron IPC in preload, loopback HTTP in the harness. From the channel names only: no schema is built in preload. */
export function createApi(transport: Transport): Api {
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(methodChannels) as Method[]) {
    const channel = methodChannels[method];
    api[method] = (request: unknown) => transport.invoke(channel, request);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => transport.subscribe(eventChannels[event], listener);
  return api as Api;
}
