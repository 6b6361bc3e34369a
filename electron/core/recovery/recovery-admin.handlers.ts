import { londonDate } from '../../../shared/calendar/london-date';
import { hashPassphraseWithKey } from '../auth/passphrase';
import { wipePersonKeys } from '../keys/person-key';
import { establishTrustRoot } from '../keys/trust-root';
import { unlockPersonKey } from '../keys/unlock-person-key';
import { passphraseContext } from '../auth/passphrase-context';
import { requireStrongPassphrase } from '../auth/passphrase-strength';
import { CoreError } from '../errors';
import { sodiumReady, wipe } from '../keys/sodium';
import { personByEmail } from '../people/people.repo';
import type { PublicHandlers } from '../router';
import type { VaultHost } from '../vault/vault-host';
import { requireKit } from './recovery.handlers';
import { consoleRoleOf, makeAdministrator } from './recovery-ceremony.repo';

/**
 * recovery.admin: the kit makes a person on the register an administrator, for when every
 * administrator is gone or the sole one forgot their passphrase. Public (nobody can sign in to
 * call it) and the command line's only (the router checks the door before the input is read);
 * the kit is the proof, and a 256-bit key needs no throttle. Audited with the role, so the
 * register replay explains the operators row.
 */
export function recoveryAdminHandler(host: VaultHost): Pick<PublicHandlers, 'recovery.admin'> {
  return {
    'recovery.admin': async (input) => {
      const vault = await host.open();
      await sodiumReady();
      const person = await personByEmail(vault.data, input.email, londonDate(vault.clock.now().getTime()));
      if (!person.active) throw new CoreError('conflict', `${person.email} has left the trust (on ${person.leftOn}) and cannot be made an administrator.`, 'email');
      const pair = await requireKit(vault, input.kit, 'recovery.admin', null, `person:${person.id}`);
      wipe(pair.boxSecret);
      await requireStrongPassphrase(input.passphrase, await passphraseContext(vault, person), 'passphrase');
      const { hash: passphraseHash, sealingKey, enrolmentSeed } = await hashPassphraseWithKey(input.passphrase);
      // Their key is certified directly by the new root below: no enrolment key needed.
      enrolmentSeed.fill(0);
      const done = await vault.data.transaction(async () => {
        const previousRole = await consoleRoleOf(vault.data, person.id);
        await makeAdministrator(vault.data, person.id, passphraseHash, vault.clock.now().toISOString());
        await vault.audit.append({
          actorId: null,
          action: 'recovery.admin',
          target: `person:${person.id}`,
          outcome: 'ok',
          details: { personId: person.id, consoleRole: 'admin', previousRole, why: 'recovery ceremony' },
        });
        return { email: person.email, consoleRole: 'admin' as const, created: previousRole === null };
      });
      // The kit cannot open the trust root (sealed to an administrator's key): the ceremony makes a
      // new one, sealed to this administrator's key, made now. It carries over only what the old
      // root's chain still proves (trust-root.ts). Should this step fail, the ceremony can be run again.
      try {
        const keys = await unlockPersonKey(vault, person.id, sealingKey);
        try {
          await establishTrustRoot(vault, keys, 'recovery');
        } finally {
          wipePersonKeys(keys);
        }
      } finally {
        sealingKey.fill(0);
      }
      return done;
    },
  };
}
