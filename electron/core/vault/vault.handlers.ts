import { hashPassphraseWithKey } from '../auth/passphrase';
import { requireStrongPassphrase } from '../auth/passphrase-strength';
import type { Sessions } from '../auth/sessions';
import { signIn } from '../auth/sign-in';
import { qb } from '../db/sql';
import { completePendingGrants, holderSignIn } from '../keys/holder-sign-in';
import { sodiumReady } from '../keys/sodium';
import { openPersonKey, unlockPersonKey } from '../keys/unlock-person-key';
import { wipePersonKeys } from '../keys/person-key';
import { establishTrustRoot, trustPin } from '../keys/trust-root';
import { recordKitOffered, takeKitOffer } from '../keys/recovery-offer';
import type { PublicHandlers } from '../router';
import type { VaultHost } from './vault-host';

/** The methods that need no session: is there a vault, create one, sign in. */
export function vaultHandlers(host: VaultHost, sessions: Sessions): Omit<PublicHandlers, 'transfer.import' | 'auth.passphraseStrength' | 'recovery.admin'> {
  return {
    'vault.status': async () => {
      if (!(await host.exists())) return { initialized: false, trustName: null };
      const vault = await host.open();
      return { initialized: true, trustName: (await vault.data.first(qb.selectFrom('trust').select('name')))?.name ?? null };
    },
    'vault.init': async (input) => {
      await requireStrongPassphrase(input.passphrase, { name: input.adminName, email: input.adminEmail, trustName: input.trustName }, 'passphrase');
      const { hash, sealingKey, enrolmentSeed } = await hashPassphraseWithKey(input.passphrase);
      // The administrator's own key is certified directly by the root: no enrolment key needed.
      enrolmentSeed.fill(0);
      try {
        const vault = await host.create({ trustName: input.trustName, adminName: input.adminName, adminEmail: input.adminEmail, passphraseHash: hash });
        // The administrator's key is made now, not at their first sign-in: the trust root is sealed
        // to it and certifies them before anyone else can be added (design: keys-and-server.md).
        const adminId = (await vault.data.first(qb.selectFrom('operators').select('person_id')))?.person_id;
        if (adminId === undefined) throw new Error('a new vault has no administrator');
        const keys = await unlockPersonKey(vault, adminId, sealingKey);
        try {
          await establishTrustRoot(vault, keys, 'new vault');
        } finally {
          wipePersonKeys(keys);
        }
        // First run is the kit's offer (the CLI's --recovery-kit, the desktop's kit step).
        await recordKitOffered(vault, adminId);
        return { vaultId: vault.vaultId, trustName: input.trustName };
      } finally {
        sealingKey.fill(0);
      }
    },
    'auth.signIn': async (input, caller) => {
      const vault = await host.open();
      await sodiumReady();
      const { operator, sealingKey, enrolmentSeed, personKeyEntry } = await signIn(vault, input.email, input.passphrase);
      try {
        // A person who must first change an easily guessed passphrase makes their key after the change
        // (one made now would be sealed under the passphrase being replaced).
        const keys = operator.mustChangePassphrase ? await openPersonKey(vault, operator.personId, sealingKey, personKeyEntry) : await unlockPersonKey(vault, operator.personId, sealingKey, enrolmentSeed, personKeyEntry);
        // A vault from before certificates: its first administrator's sign-in makes the trust root (trust-root.ts).
        if (keys !== null && operator.consoleRole === 'admin' && trustPin(vault) === null) await establishTrustRoot(vault, keys, 'first administrator sign-in');
        if (keys !== null) await holderSignIn(vault, keys);
        const token = sessions.start(operator.personId, caller, keys);
        // Their key may be new: a holder signed in now completes the grants that waited for it.
        if (keys !== null) for (const holder of sessions.liveKeys()) if (holder.personId !== operator.personId) await completePendingGrants(vault, holder);
        return { token, operator, offerRecoveryKit: await takeKitOffer(vault, operator) };
      } finally {
        sealingKey.fill(0);
        enrolmentSeed?.fill(0);
      }
    },
  };
}
