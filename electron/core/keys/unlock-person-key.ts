import { ACCOUNTS } from '../secrets/vault-secrets';
import type { Vault } from '../vault/vault';
import { personPublicKeys, putPersonKey } from './keys.repo';
import { enrolmentKeyPair, enrolmentText } from './certificate';
import { setEnrolmentSignature } from './certificates.repo';
import { sodium, toB64, wipe } from './sodium';
import { generatePersonKeys, openPersonKeys, publicKeysOf, sealPersonKeys, wipePersonKeys, type PersonKeys } from './person-key';

/**
 * Opens the person's key with the key their passphrase gave at sign-in, or makes it: at their
 * first sign-in, or when the one on record no longer opens (the passphrase was reset by an
 * administrator, or the keychain entry is gone). A new key cannot open the old key's wraps,
 * which are dropped: a holder re-makes them (the grants show as waiting for a holder).
 *
 * Keychain first, then the database: the database never names a key the keychain lacks.
 *
 * `enrolmentSeed` (the same scrypt's third split: auth/passphrase.ts) signs a key made now, so
 * the certificate that binds the passphrase's enrolment key certifies it too (keys/certify.ts).
 */
export async function unlockPersonKey(
  vault: Vault,
  personId: number,
  sealingKey: Uint8Array,
  enrolmentSeed: Uint8Array | null = null,
  readAhead?: () => Promise<string | null>,
): Promise<PersonKeys> {
  const opened = await openPersonKey(vault, personId, sealingKey, readAhead);
  return opened ?? makePersonKey(vault, personId, sealingKey, enrolmentSeed);
}

function enrolmentSignature(vault: Vault, keys: PersonKeys, enrolmentSeed: Uint8Array | null): string | null {
  if (enrolmentSeed === null) return null;
  const pair = enrolmentKeyPair(enrolmentSeed);
  try {
    const text = enrolmentText(vault.vaultId, keys.personId, toB64(keys.signPublic), toB64(keys.boxPublic));
    return toB64(sodium().crypto_sign_detached(new TextEncoder().encode(text), pair.privateKey));
  } finally {
    wipe(pair.privateKey);
  }
}

/**
 * The person's key as recorded, opened with their passphrase's key; null when there is none or it
 * does not open. `readAhead` is the keychain entry as the sign-in read it during its scrypt: when
 * that copy does not open (it changed since), the keychain is read again before the answer is
 * null, so a stale copy can never make unlockPersonKey replace a key that still opens.
 */
export async function openPersonKey(vault: Vault, personId: number, sealingKey: Uint8Array, readAhead?: () => Promise<string | null>): Promise<PersonKeys | null> {
  const publics = await personPublicKeys(vault.data, personId);
  if (publics === undefined) return null;
  const open = (stored: string | null) => (stored === null ? null : openPersonKeys(stored, sealingKey, vault.vaultId, personId, publics));
  const early = readAhead === undefined ? null : open(await readAhead());
  return early ?? open(await vault.secrets.get(ACCOUNTS.personKey(personId)));
}

async function makePersonKey(vault: Vault, personId: number, sealingKey: Uint8Array, enrolmentSeed: Uint8Array | null): Promise<PersonKeys> {
  const account = ACCOUNTS.personKey(personId);
  const stored = await vault.secrets.get(account);
  const fresh = generatePersonKeys(personId);
  const enrolled = enrolmentSignature(vault, fresh, enrolmentSeed);
  await vault.secrets.set(account, sealPersonKeys(fresh, sealingKey, vault.vaultId));
  const at = vault.clock.now().toISOString();
  try {
    const { keyId } = await vault.data.transaction(async () => {
      const put = await putPersonKey(vault.data, personId, publicKeysOf(fresh), at);
      if (enrolled !== null) await setEnrolmentSignature(vault.data, put.keyId, enrolled);
      await vault.audit.append({
        actorId: personId,
        action: 'key.create',
        target: `person:${personId}`,
        outcome: 'ok',
        details: put.replaced
          ? { keyId: put.keyId, replaced: true, why: stored === null ? 'no key in this keychain' : 'the key on record does not open with this passphrase', wrapsDropped: put.wrapsDropped, enrolled: enrolled !== null }
          : { keyId: put.keyId, enrolled: enrolled !== null },
      });
      return put;
    });
    return { ...fresh, keyId };
  } catch (error) {
    // The database step failed: put the keychain back so the key on record still opens.
    await (stored === null ? vault.secrets.delete(account) : vault.secrets.set(account, stored)).catch(() => undefined);
    wipePersonKeys(fresh);
    throw error;
  }
}

/** A passphrase change: the same key, sealed under the new passphrase's key. */
export async function resealPersonKey(vault: Vault, keys: PersonKeys, sealingKey: Uint8Array): Promise<{ undo(): Promise<void> }> {
  const account = ACCOUNTS.personKey(keys.personId);
  const before = await vault.secrets.get(account);
  await vault.secrets.set(account, sealPersonKeys(keys, sealingKey, vault.vaultId));
  return { undo: async () => void (await (before === null ? vault.secrets.delete(account) : vault.secrets.set(account, before)).catch(() => undefined)) };
}
