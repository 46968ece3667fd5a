import type { IpcError } from '../../shared/ipc/errors';
import { hasKey, type Translate } from './i18n';

export interface ErrorDescription {
  /** What happened, in plain words. */
  message: string;
  /** What to do about it. */
  hint: string;
  /** Main's own sentence, shown when ours is generic or it adds specifics. */
  detail: string | null;
  /** The error means Google must be set up or reconnected (the account area offers it). */
  reconnect: boolean;
}

/**
 * Known codes whose sentence from main adds something worth reading: Google's
 * own reason, or what exactly is not set up. Unknown codes show main's
 * sentence as the message.
 */
const SHOW_DETAIL = new Set<string>(['GOOGLE_ERROR', 'NOT_CONFIGURED']);

/** An error reply from main, as the teacher should read it. */
export function describeError(error: IpcError, t: Translate): ErrorDescription {
  const messageKey = `error.${error.code}`;
  const hintKey = `error.${error.code}.hint`;
  const known = hasKey(messageKey);
  return {
    message: known ? t(messageKey) : error.message,
    hint: hasKey(hintKey) ? t(hintKey) : t('error.generic.hint'),
    detail: known && SHOW_DETAIL.has(error.code) && error.message ? error.message : null,
    reconnect: error.code === 'NOT_SIGNED_IN' || error.code === 'NEEDS_RECONNECT' || error.code === 'NOT_CONFIGURED',
  };
}
