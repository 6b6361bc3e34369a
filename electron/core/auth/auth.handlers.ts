import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { completePendingGrants, holderSignIn } from '../keys/holder-sign-in';
import { resealPersonKey, unlockPersonKey } from '../keys/unlock-person-key';
import { checkPassphrase, hashPassphraseWithKey } from './passphrase';
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
    'auth.changePassphrase': async ({ vault, operator, token, keys }, input) => {
      // Checked first: it needs nothing stored, so a weak choice costs no throttled attempt.
      await requireStrongPassphrase(input.next, await passphraseContext(vault, operator), 'next', 'The new passphrase');
      const row = await vault.data.first(qb.selectFrom('operators').select('passphrase_hash').where('person_id', '=', operator.personId));
      // An unattended session must not become a way to guess the passphrase: same throttle as sign-in.
      await beginPassphraseAttempt(vault, operator.email, operator.personId, 'auth.passphrase_change');
      const checked = row === undefined ? { ok: false as const } : await checkPassphrase(input.current, row.passphrase_hash);
      if (checked.ok) checked.sealingKey?.fill(0);
      // The admin-set passphrase's enrolment key signs a key made below (one must change a weak passphrase first).
      const enrolmentSeed = checked.ok ? checked.enrolmentSeed : null;
      if (!checked.ok) {
        await vault.audit.append({ actorId: operator.personId, action: 'auth.passphrase_change', outcome: 'denied', details: { why: 'wrong current passphrase' } });
        throw new CoreError('forbidden', 'The current passphrase is not right; the passphrase was not changed.', 'current');
      }
      if (input.current === input.next) {
        enrolmentSeed?.fill(0);
        throw new CoreError('invalid_input', 'next must differ from the current passphrase.', 'next');
      }
      await clearPassphraseAttempts(vault, operator.email);
      const { hash, sealingKey, enrolmentSeed: nextSeed } = await hashPassphraseWithKey(input.next);
      nextSeed.fill(0);
      try {
        // The own key is sealed again under the new passphrase (no wrap changes). Keychain first;
        // if the database step fails the keychain is put back, so the old passphrase still opens it.
        const resealed = keys === null ? null : await resealPersonKey(vault, keys, sealingKey);
        try {
          await vault.data.transaction(async () => {
            await vault.data.run(
              qb
                .updateTable('operators')
                .set({ passphrase_hash: hash, passphrase_changed_at: vault.clock.now().toISOString(), must_change_passphrase: 0 })
                .where('person_id', '=', operator.personId),
            );
            await vault.audit.append({ actorId: operator.personId, action: 'auth.passphrase_change', outcome: 'ok' });
          });
        } catch (error) {
          await resealed?.undo();
          throw error;
        }
        // A person who had to change their passphrase (set by an administrator, or easily guessed)
        // makes their key now, under the new one, if they had none open; and does what a holder's
        // sign-in does, which the router held back until now.
        const current = keys ?? (await unlockPersonKey(vault, operator.personId, sealingKey, enrolmentSeed));
        if (keys === null) sessions.replaceKeys(token, current);
        if (operator.mustChangePassphrase) await holderSignIn(vault, current);
        // Their key may be new: a holder signed in now completes the grants that waited for it.
        if (keys === null) for (const holder of sessions.liveKeys()) if (holder.personId !== operator.personId) await completePendingGrants(vault, holder);
      } finally {
        sealingKey.fill(0);
        enrolmentSeed?.fill(0);
      }
      // Other sessions of this person (another window) end with the old passphrase.
      sessions.endAllFor(operator.personId, token);
      return { done: true };
    },
  };
}
