import { z } from 'zod';

/** Every error that crosses IPC has one of these codes and a sentence for a person. */
export const ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'NOT_FOUND',
  'TRANSITION_REFUSED',
  'CONFLICT',
  'NOT_CONFIGURED',
  'NOT_SIGNED_IN',
  'NEEDS_RECONNECT',
  'KEYCHAIN_UNAVAILABLE',
  'KEYCHAIN_LOCKED',
  'SIGN_IN_FAILED',
  'CANCELLED',
  'TIMEOUT',
  'OFFLINE',
  'RATE_LIMITED',
  'GOOGLE_ERROR',
  'STORE_ERROR',
  'NOT_ALLOWED',
  'INTERNAL',
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const IpcErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() }).strict();
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** An error meant for the teacher: its message is shown as it is. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };
