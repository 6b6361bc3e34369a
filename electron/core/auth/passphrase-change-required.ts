import type { MethodName } from '../../../shared/contract/methods';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';

/** What an operator whose passphrase must be changed may still do: change it, or leave. */
const ALLOWED_UNTIL_CHANGED: ReadonlySet<MethodName> = new Set<MethodName>(['auth.changePassphrase', 'auth.signOut', 'auth.whoami', 'auth.passphraseStrength']);

/**
 * The router's one check for a passphrase that must be changed (set by an administrator, or
 * found too easy to guess at sign-in): every other method is refused until
 * auth.changePassphrase clears the mark.
 */
export function refuseUntilPassphraseChanged(operator: Operator, method: MethodName): void {
  if (!operator.mustChangePassphrase || ALLOWED_UNTIL_CHANGED.has(method)) return;
  throw new CoreError('forbidden', 'Your passphrase was set by an administrator or is too easy to guess, and must be changed before you can do anything else.');
}
