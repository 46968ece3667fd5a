import type { EventBus } from '../events';
import type { Handlers } from '../ipc/dispatch';
import type { AccountService } from './account-service';

export type AccountMethods = 'getAccount' | 'setClientConfig' | 'signIn' | 'cancelSignIn' | 'signOut' | 'retryKeychain';

/** The account channels, and the account's changes pushed to the renderer. */
export function accountHandlers(account: AccountService, events: EventBus): Pick<Handlers, AccountMethods> {
  account.onChange((state) => events.emit('accountChanged', state));
  return {
    getAccount: () => account.state,
    setClientConfig: (config) => account.setClientConfig(config),
    signIn: () => account.signIn(),
    cancelSignIn() {
      account.cancelSignIn();
      return account.state;
    },
    async signOut() {
      const { message } = await account.signOut();
      return { account: account.state, message };
    },
    retryKeychain: () => account.retryKeychain(),
  };
}
