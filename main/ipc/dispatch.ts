import type { z } from 'zod';
import { describeIssues } from '../../shared/booking';
import { contract, methodByChannel, type Contract, type Method, type ReplyOf } from '../../shared/ipc/contract';
import { AppError, type ErrorCode, type Result } from '../../shared/ipc/errors';
import type { Logger } from '../logger';

/** One handler per contract method; it receives the request already validated. */
export type Handlers = {
  [M in Method]: (request: z.output<Contract[M]['request']>) => Promise<ReplyOf<M>> | ReplyOf<M>;
};

export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * The single entry for every IPC request, whatever carries it (Electron IPC
 * or the harness's loopback HTTP): unknown channels and bad payloads are
 * refused before any handler runs, and errors cross as { code, message },
 * never as stack traces.
 */
export function createDispatcher(handlers: Handlers, log: Logger): Dispatch {
  return async (channel, payload) => {
    const method = methodByChannel.get(channel);
    if (!method) return fail('UNKNOWN_CHANNEL', `There is no channel named "${channel}".`);
    const entry = contract[method];
    const request = entry.request.safeParse(payload);
    if (!request.success) {
      return fail('INVALID_REQUEST', `Request on ${channel} refused: ${describeIssues(request.error)}.`);
    }
    try {
      const handler = handlers[method] as (req: unknown) => unknown;
      const value = await handler(request.data);
      const reply = entry.reply.safeParse(value);
      if (!reply.success) {
        log.error('ipc reply does not match the contract', { channel, issues: describeIssues(reply.error) });
        return fail('INTERNAL', 'Teacher Desk produced an answer it cannot show. Details are in the log.');
      }
      return { ok: true, value: reply.data };
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message);
      log.error('ipc handler failed', { channel, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return fail('INTERNAL', 'Something went wrong in Teacher Desk. Details are in the log.');
    }
  };
}
