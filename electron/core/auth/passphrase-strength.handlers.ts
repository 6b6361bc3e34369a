import type { PublicHandlers } from '../router';
import type { VaultHost } from '../vault/vault-host';
import { passphraseContext } from './passphrase-context';
import { estimatePassphrase } from './passphrase-strength';

/**
 * The strength meter of the window and the CLI, before a new passphrase is sent. Public, so
 * first run can use it; it stores and logs nothing. Where a passphrase is set, the core checks again.
 */
export function passphraseStrengthHandler(host: VaultHost): Pick<PublicHandlers, 'auth.passphraseStrength'> {
  return {
    'auth.passphraseStrength': async (input) => {
      const person = { name: input.name, email: input.email };
      const context = (await host.exists()) ? await passphraseContext(await host.open(), person) : person;
      return estimatePassphrase(input.passphrase, context);
    },
  };
}
