import { useCallback, useEffect, useState } from 'react';
import type { AccountState } from '../../../shared/ipc/contract';
import type { IpcError, Result } from '../../../shared/ipc/errors';
import { api } from '../api';

export interface Account {
  state: AccountState | null;
  /** The last failed account action (sign-in refused, timed out, cancelled…). */
  error: IpcError | null;
  /** A sentence after sign-out (revoked, or could not reach Google). */
  message: string | null;
  busy: boolean;
  signIn(): void;
  cancelSignIn(): void;
  signOut(): void;
  saveClient(clientId: string, clientSecret: string): Promise<IpcError | null>;
  retryKeychain(): void;
  clearError(): void;
}

/** The Google account as main reports it, kept current by the accountChanged push. */
export function useAccount(): Account {
  const [state, setState] = useState<AccountState | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api.getAccount({}).then((reply) => reply.ok && setState(reply.value));
    return api.on('accountChanged', setState);
  }, []);

  const run = useCallback(async <T,>(call: () => Promise<Result<T>>, done?: (value: T) => void): Promise<IpcError | null> => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const reply = await call();
      if (!reply.ok) {
        // Cancelling is the teacher's own choice, not an error to show.
        if (reply.error.code !== 'CANCELLED') setError(reply.error);
        return reply.error;
      }
      done?.(reply.value);
      return null;
    } finally {
      setBusy(false);
    }
  }, []);

  return {
    state,
    error,
    message,
    busy,
    signIn: () => void run(() => api.signIn({}), setState),
    cancelSignIn: () => void api.cancelSignIn({}),
    signOut: () =>
      void run(
        () => api.signOut({}),
        (value) => {
          setState(value.account);
          setMessage(value.message);
        },
      ),
    saveClient: (clientId, clientSecret) => run(() => api.setClientConfig({ clientId, clientSecret }), setState),
    retryKeychain: () => void run(() => api.retryKeychain({}), setState),
    clearError: () => setError(null),
  };
}
