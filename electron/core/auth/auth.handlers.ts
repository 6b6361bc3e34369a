import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { hashPassphrase, verifyPassphrase } from './passphrase';
import { passphraseContext } from './passphrase-context';
import { requireStrongPassphrase } from './passphrase-strength';
import { beginPassphraseAttempt, clearPassphraseAttempts } from './sign-in';
import type { Sessions } from './sessions';

export function authHandlers(sessions: Sessions): HandlerMap<'auth.signOut' | 'auth.whoami' | 'auth.changePassphrase'> {
  return {
    'auth.signOut': ({ token }) => {
      sessions.end(token);
      return { done: true };
    },
    'auth.whoami': ({ operator }) => operator,
    'auth.changePassphrase': async ({ vault, operator, token }, input) => {
      // Checked first: it needs nothing stored, so a weak choice costs no throttled attempt.
      await requireStrongPassphrase(input.next, passphraseContext(vault, operator), 'next', 'The new passphrase');
      const row = vault.sql.first(qb.selectFrom('operators').select('passphrase_hash').where('person_id', '=', operator.personId));
      // An unattended session must not become a way to guess the passphrase: same throttle as sign-in.
      beginPassphraseAttempt(vault, operator.email, operator.personId, 'auth.passphrase_change');
      if (row === undefined || !(await verifyPassphrase(input.current, row.passphrase_hash))) {
        vault.audit.append({ actorId: operator.personId, action: 'auth.passphrase_change', outcome: 'denied', details: { why: 'wrong current passphrase' } });
        throw new CoreError('forbidden', 'The current passphrase is not right; the passphrase was not changed.', 'current');
      }
      if (input.current === input.next) {
        throw new CoreError('invalid_input', 'next must differ from the current passphrase.', 'next');
      }
      clearPassphraseAttempts(vault, operator.email);
      const hash = await hashPassphrase(input.next);
      vault.sql.transaction(() => {
        vault.sql.run(
          qb
            .updateTable('operators')
            .set({ passphrase_hash: hash, passphrase_changed_at: vault.clock.now().toISOString(), must_change_passphrase: 0 })
            .where('person_id', '=', operator.personId),
        );
        vault.audit.append({ actorId: operator.personId, action: 'auth.passphrase_change', outcome: 'ok' });
      });
      // Other sessions of this person (another window) end with the old passphrase.
      sessions.endAllFor(operator.personId, token);
      return { done: true };
    },
  };
}
