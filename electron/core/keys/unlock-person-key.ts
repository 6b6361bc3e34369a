import { ACCOUNTS } from '../secrets/vault-secrets';
import type { Vault } from '../vault/vault';
import { personPublicKeys, putPersonKey } from './keys.repo';
import { generatePersonKeys, openPersonKeys, publicKeysOf, sealPersonKeys, wipePersonKeys, type PersonKeys } from './person-key';

/**
 * Opens the person's key with the key their passphrase gave at sign-in, or makes it: at their
 * first sign-in, or when the one on record no longer opens (the passphrase was reset by an
 * administrator, or the keychain entry is gone). A new key cannot open the old key's wraps,
 * which are dropped: a holder re-makes them (the grants show as waiting for a holder).
 *
 * Keychain first, then the database: the database never names a key the keychain lacks.
 */
export async function unlockPersonKey(vault: Vault, personId: number, sealingKey: Uint8Array): Promise<PersonKeys> {
  const opened = await openPersonKey(vault, personId, sealingKey);
  return opened ?? makePersonKey(vault, personId, sealingKey);
}

/** The person's key as recorded, opened with their passphrase's key; null when there is none or it does not open. */
export async function openPersonKey(vault: Vault, personId: number, sealingKey: Uint8Array): Promise<PersonKeys | null> {
  const account = ACCOUNTS.personKey(personId);
  const publics = personPublicKeys(vault.sql, personId);
  const stored = await vault.secrets.get(account);
  if (publics !== undefined && stored !== null) {
    const keys = openPersonKeys(stored, sealingKey, vault.vaultId, personId, publics);
    if (keys !== null) return keys;
  }
  return null;
}

async function makePersonKey(vault: Vault, personId: number, sealingKey: Uint8Array): Promise<PersonKeys> {
  const account = ACCOUNTS.personKey(personId);
  const stored = await vault.secrets.get(account);
  const fresh = generatePersonKeys(personId);
  await vault.secrets.set(account, sealPersonKeys(fresh, sealingKey, vault.vaultId));
  const at = vault.clock.now().toISOString();
  try {
    const { keyId } = vault.sql.transaction(() => {
      const put = putPersonKey(vault.sql, personId, publicKeysOf(fresh), at);
      vault.audit.append({
        actorId: personId,
        action: 'key.create',
        target: `person:${personId}`,
        outcome: 'ok',
        details: put.replaced
          ? { keyId: put.keyId, replaced: true, why: stored === null ? 'no key in this keychain' : 'the key on record does not open with this passphrase', wrapsDropped: put.wrapsDropped }
          : { keyId: put.keyId },
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
