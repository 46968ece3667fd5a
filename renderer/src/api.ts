import type { Api } from '../../shared/ipc/api';
import type { IpcError, Result } from '../../shared/ipc/errors';

declare global {
  interface Window {
    /** Defined by preload (Electron) or by the harness bridge (browser); the renderer's only way out. */
    readonly api: Api;
  }
}

export const api: Api = window.api;

/** Unwraps a reply or throws its { code, message } as an ApiError for the UI to show. */
export class ApiError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

export async function call<T>(reply: Promise<Result<T>>): Promise<T> {
  const result = await reply;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
