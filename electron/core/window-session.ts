import type { Result } from '../../shared/contract/result';
import type { Core } from './app';

/**
 * One window's (or one test page's) way into the core. The session token stays here, in
 * the main process: the renderer signs in and gets the operator back, never the token, so
 * a compromised page cannot lift a session out of the app. Locking ends the session.
 */
export interface WindowSession {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  /** Ends the session (lock, idle, suspend, window closed). */
  end(): Promise<void>;
  readonly signedIn: boolean;
}

export function createWindowSession(core: Core): WindowSession {
  let token: string | null = null;
  const end = async () => {
    if (token !== null) await core.dispatch(token, 'auth.signOut', {}, 'window');
    token = null;
  };
  return {
    get signedIn() {
      return token !== null;
    },
    end,
    async invoke(method, input) {
      if (method === 'auth.signOut') {
        await end();
        return { ok: true, value: { done: true } };
      }
      // The window's door: the contract refuses it the methods that take paths and addresses.
      const result = await core.dispatch(token, method, input, 'window');
      if (method === 'auth.signIn' && result.ok) {
        await end();
        const { token: issued, operator, offerRecoveryKit } = result.value as { token: string; operator: unknown; offerRecoveryKit: boolean };
        token = issued;
        return { ok: true, value: { operator, offerRecoveryKit } };
      }
      return result;
    },
  };
}
