import type { Result } from './errors';
import { contract, events, type EventName, type EventPayload, type Method, type ReplyOf, type RequestOf } from './contract';

/** `window.api`: one method per contract entry, plus `on` for pushes from main. */
export type Api = { [M in Method]: (request: RequestOf<M>) => Promise<Result<ReplyOf<M>>> } & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export interface Transport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Builds `window.api` over a transport: Electron IPC in preload, loopback HTTP in the harness. */
export function createApi(transport: Transport): Api {
  const api: Record<string, unknown> = {};
  for (const method of Object.keys(contract) as Method[]) {
    const { channel } = contract[method];
    api[method] = (request: unknown) => transport.invoke(channel, request);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => transport.subscribe(events[event].channel, listener);
  return api as Api;
}
