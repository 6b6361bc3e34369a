import type { Caller, MethodOutput } from '../../shared/contract/methods';
import { loadOperator } from './auth/sessions';
import type { HandlerDeps } from './handler-loaders';

/**
 * The desktop publishes as the publisher: the first trust-wide administrator at the window
 * enrols one when the vault has none (publisher-enrol.ts says why). A failure there is logged
 * and never stops the sign-in. The command line's sign-in does none of this (nor loads it).
 */
export async function signedInAtWindow(deps: Pick<HandlerDeps, 'host' | 'sessions' | 'log'>, caller: Caller, signedIn: MethodOutput<'auth.signIn'>): Promise<MethodOutput<'auth.signIn'>> {
  if (caller !== 'window') return signedIn;
  try {
    const vault = await deps.host.open();
    const operator = await loadOperator(vault, signedIn.operator.personId);
    const { enrolAtWindowSignIn } = await import('./publishing/publisher/publisher-enrol');
    if (operator !== null) await enrolAtWindowSignIn(vault, operator, deps.sessions.keys(signedIn.token));
  } catch (error) {
    deps.log('publisher.auto_enrol_failed', { name: error instanceof Error ? error.name : typeof error });
  }
  return signedIn;
}
