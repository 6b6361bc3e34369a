import { useCallback, useEffect, useMemo, useState } from 'react';
import type { OperatorView } from '../../../shared/contract/views';
import { invoke } from '../api/custodian.client';
import { rememberLock, takeLockNote } from './lock-note.storage';

export type ConsolePage = 'dashboard' | 'compliance' | 'channels' | 'posts' | 'inbox' | 'monitoring' | 'incidents' | 'consent' | 'audit' | 'access' | 'people' | 'calendar' | 'data';

/** Why the sign-in screen is showing, when it is not the first sign-in of the window. */
export type SignInReason = 'locked' | 'session-ended' | null;

/** The window's one piece of navigation state: no URLs, just the screen in memory. */
export type AppState =
  | { screen: 'starting' }
  | { screen: 'unavailable'; message: string }
  | { screen: 'first-run' }
  // Right after first run, or at the first administrator sign-in of a vault without a kit: the recovery kit, or Later.
  | { screen: 'first-run-kit'; operator: OperatorView; trustName: string; offer: 'first-run' | 'no-kit' }
  | { screen: 'welcome'; operator: OperatorView; trustName: string }
  | { screen: 'sign-in'; trustName: string | null; reason: SignInReason; email: string }
  // The passphrase just used scored too low: the core allows nothing else until it is changed.
  | { screen: 'change-passphrase'; operator: OperatorView; trustName: string }
  | { screen: 'console'; operator: OperatorView; trustName: string; page: ConsolePage; notice: string | null };

export interface AppActions {
  retry(): void;
  created(operator: OperatorView, trustName: string): void;
  kitDone(): void;
  signedIn(operator: OperatorView, trustName: string, notice?: string, offerRecoveryKit?: boolean): void;
  passphraseChanged(): void;
  navigate(page: ConsolePage): void;
  dismissNotice(): void;
  /** Ends the session and starts a fresh page at the lock screen. */
  lock(email: string): void;
  sessionEnded(): void;
}

/** The console, or first the change of a passphrase set by an administrator or found too easy to guess. */
function afterSignIn(operator: OperatorView, trustName: string, notice?: string): AppState {
  if (operator.mustChangePassphrase) return { screen: 'change-passphrase', operator, trustName };
  return { screen: 'console', operator, trustName, page: 'dashboard', notice: notice ?? null };
}

/** Where the window stands at start: no vault, not set up, signed out, or (after a reload) still signed in. */
async function startingState(): Promise<AppState> {
  const status = await invoke('vault.status', {});
  if (!status.ok) return { screen: 'unavailable', message: status.error.message };
  if (!status.value.initialized) return { screen: 'first-run' };
  const trustName = status.value.trustName ?? '';
  // The session lives in main: a reloaded window that is still signed in carries on.
  const me = await invoke('auth.whoami', {});
  const lockedAs = takeLockNote();
  return me.ok ? afterSignIn(me.value, trustName) : { screen: 'sign-in', trustName, reason: lockedAs === null ? null : 'locked', email: lockedAs ?? '' };
}

export function useAppState(): [AppState, AppActions] {
  const [state, setState] = useState<AppState>({ screen: 'starting' });

  const start = useCallback(async () => {
    setState({ screen: 'starting' });
    setState(await startingState());
  }, []);

  // The state starts as 'starting': the first look only answers it.
  useEffect(() => {
    void startingState().then(setState);
  }, []);

  const backToSignIn = useCallback((reason: SignInReason) => {
    setState((current) =>
      current.screen === 'console' || current.screen === 'first-run-kit' || current.screen === 'welcome' || current.screen === 'change-passphrase'
        ? { screen: 'sign-in', trustName: current.trustName, reason, email: current.operator.email }
        : current,
    );
  }, []);

  // Stable functions: screens keep them in effect dependencies.
  const actions = useMemo<AppActions>(
    () => ({
      retry: () => void start(),
      created: (operator, trustName) => setState({ screen: 'first-run-kit', operator, trustName, offer: 'first-run' }),
      kitDone: () =>
        setState((current) => {
          if (current.screen !== 'first-run-kit') return current;
          return current.offer === 'first-run' ? { screen: 'welcome', operator: current.operator, trustName: current.trustName } : afterSignIn(current.operator, current.trustName);
        }),
      signedIn: (operator, trustName, notice, offerRecoveryKit) =>
        setState(offerRecoveryKit === true ? { screen: 'first-run-kit', operator, trustName, offer: 'no-kit' } : afterSignIn(operator, trustName, notice)),
      passphraseChanged: () =>
        setState((current) =>
          current.screen === 'change-passphrase'
            ? afterSignIn({ ...current.operator, mustChangePassphrase: false }, current.trustName, 'Your passphrase was changed.')
            : current,
        ),
      navigate: (page) => setState((current) => (current.screen === 'console' ? { ...current, page, notice: null } : current)),
      dismissNotice: () => setState((current) => (current.screen === 'console' ? { ...current, notice: null } : current)),
      lock: (email) => {
        // The screen goes first, so nothing on it outlives the session by even a moment;
        // then a fresh page, as main does when it locks (idle, suspend, screen lock).
        backToSignIn('locked');
        void invoke('auth.signOut', {}).then(() => {
          rememberLock(email);
          window.location.reload();
        });
      },
      sessionEnded: () => backToSignIn('session-ended'),
    }),
    [start, backToSignIn],
  );
  return [state, actions];
}
