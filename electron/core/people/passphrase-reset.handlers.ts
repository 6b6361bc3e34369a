import { londonDate } from '../../../shared/calendar/london-date';
import { hashPassphraseWithKey } from '../auth/passphrase';
import { passphraseContext } from '../auth/passphrase-context';
import { requireStrongPassphrase } from '../auth/passphrase-strength';
import { requireSecondAdministrator } from '../auth/second-administrator';
import type { Sessions } from '../auth/sessions';
import { clearPassphraseAttempts } from '../auth/sign-in';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { enrolmentKeyPair } from '../keys/certificate';
import { certifyEnrolment } from '../keys/certify';
import { wipe } from '../keys/sodium';
import { openTrustRoot } from '../keys/trust-root';
import { requireKit } from '../recovery/recovery.handlers';
import { ACCOUNTS } from '../secrets/vault-secrets';
import { setOneTimePassphrase, wrappedGrantCount } from './passphrase-reset.repo';
import { personByEmail, personById } from './people.repo';

const ACTION = 'person.reset_passphrase';

/**
 * person.resetPassphrase (design: keys, "Passphrases"): an administrator gives a person who forgot
 * their passphrase a one-time one. Their key is retired at the reset (its wraps dropped, their
 * grants wait for their new key), their sessions end, and at their next sign-in they must choose
 * their own before anything else; their new key is made under that one. Another administrator's
 * reset needs a second administrator's sign-in or the recovery kit, so one administrator alone
 * cannot take over another's identity. Every refusal writes nothing.
 */
export function passphraseResetHandlers(sessions: Sessions): HandlerMap<'person.resetPassphrase'> {
  return {
    'person.resetPassphrase': async ({ vault, operator, keys }, input) => {
      const today = londonDate(vault.clock.now().getTime());
      const person = await personByEmail(vault.data, input.email, today);
      if (person.id === operator.personId) {
        throw new CoreError('invalid_input', 'You cannot reset your own passphrase: change it with custodian passphrase change. Nothing was changed.', 'email');
      }
      if (person.consoleRole === null) {
        throw new CoreError('conflict', `${person.email} is not a console operator, so has no passphrase to reset. Nothing was changed.`, 'email');
      }
      if (!person.active) throw new CoreError('conflict', `${person.email} has left the trust (on ${person.leftOn}); their passphrase cannot be reset. Nothing was changed.`, 'email');
      // Checked before any proof is tried: a weak choice costs no throttled attempt and no kit use.
      await requireStrongPassphrase(input.passphrase, await passphraseContext(vault, person), 'passphrase');
      const target = `person:${person.id}`;
      let proof: { by: 'second-administrator'; secondAdministratorId: number; secondAdministrator: string } | { by: 'recovery-kit' } | null = null;
      if (person.consoleRole === 'admin') {
        if (input.secondAdmin !== undefined) {
          if (input.secondAdmin.email === person.email) {
            throw new CoreError('invalid_input', `The second administrator must be someone other than ${person.email}, whose passphrase is being reset. Nothing was changed.`, 'secondAdmin.email');
          }
          const second = await requireSecondAdministrator(vault, operator, input.secondAdmin, ACTION, target);
          proof = { by: 'second-administrator', secondAdministratorId: second.personId, secondAdministrator: second.email };
        } else if (input.kit !== undefined) {
          wipe((await requireKit(vault, input.kit, ACTION, operator.personId, target)).boxSecret);
          proof = { by: 'recovery-kit' };
        } else {
          throw new CoreError(
            'forbidden',
            `${person.email} is an administrator: resetting another administrator's passphrase needs a second administrator's sign-in or the recovery kit. Nothing was changed.`,
            'secondAdmin',
          );
        }
      }
      const hashed = await hashPassphraseWithKey(input.passphrase);
      // The key they make at their next sign-in is signed with this passphrase's enrolment key, which the certificate binds.
      const enrolment = enrolmentKeyPair(hashed.enrolmentSeed);
      wipe(hashed.sealingKey, hashed.enrolmentSeed, enrolment.privateKey);
      // An administrator is certified by the trust root when the one resetting holds it; else by their key.
      const root = person.consoleRole === 'admin' && keys !== null ? await openTrustRoot(vault, keys) : null;
      let result: { keyRetired: boolean; grantsWaiting: number };
      try {
        result = await vault.data.transaction(async () => {
          const at = vault.clock.now().toISOString();
          const reset = await setOneTimePassphrase(vault.data, person.id, hashed.hash, at);
          await certifyEnrolment({ vault, keys }, person.id, enrolment.publicKey, root);
          await clearPassphraseAttempts(vault, person.email);
          await vault.audit.append({
            actorId: operator.personId,
            action: ACTION,
            target,
            outcome: 'ok',
            details: { personId: person.id, consoleRole: person.consoleRole, ...(proof ?? { by: 'administrator' }), keyRetired: reset.keyRetired, wrapsDropped: reset.wrapsDropped },
          });
          return { keyRetired: reset.keyRetired, grantsWaiting: await wrappedGrantCount(vault.data, person.id) };
        });
      } finally {
        wipe(root);
      }
      // Their sessions held the retired key in memory; the sealed copy opens nothing now.
      sessions.endAllFor(person.id);
      await vault.secrets.delete(ACCOUNTS.personKey(person.id)).catch(() => undefined);
      return { person: await personById(vault.data, person.id, today), ...result };
    },
  };
}
