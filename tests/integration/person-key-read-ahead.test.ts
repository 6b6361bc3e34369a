import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassphrase } from '../../electron/core/auth/passphrase';
import { systemClock } from '../../electron/core/clock';
import { qb } from '../../electron/core/db/sql';
import { personPublicKeys } from '../../electron/core/keys/keys.repo';
import { openPersonKey, unlockPersonKey } from '../../electron/core/keys/unlock-person-key';
import { sodiumReady } from '../../electron/core/keys/sodium';
import { createKeytarStore } from '../../electron/core/secrets/keytar.store';
import { ACCOUNTS } from '../../electron/core/secrets/vault-secrets';
import type { Vault } from '../../electron/core/vault/vault';
import { VaultHost } from '../../electron/core/vault/vault-host';
import { ADMIN, createTestVault, type TestVault } from '../support/test-vault';

/**
 * The sign-in reads the person's sealed key from the keychain while its scrypt runs (issue 14).
 * That copy may be out of date by the time the scrypt ends (the person's key was re-sealed by a
 * passphrase change in the other app in between): it must then be read again, never taken as
 * "this key no longer opens", which would make a new key and drop every wrap of the old one.
 */
describe("a person's key read ahead of the sign-in's scrypt", () => {
  let v: TestVault;
  let host: VaultHost;
  let vault: Vault;
  let admin: { id: number; passphrase_hash: string };
  let sealingKey: Uint8Array;

  beforeAll(async () => {
    v = await createTestVault();
    await v.core.close();
    await sodiumReady();
    host = new VaultHost(v.dataDir, createKeytarStore(), systemClock, () => undefined);
    vault = await host.open();
    admin = (await vault.data.first(
      qb.selectFrom('operators as o').innerJoin('people as p', 'p.id', 'o.person_id').select(['p.id', 'o.passphrase_hash']).where('p.email', '=', ADMIN.email),
    )) as { id: number; passphrase_hash: string };
    const checked = await checkPassphrase(ADMIN.passphrase, admin.passphrase_hash);
    if (!checked.ok || checked.sealingKey === null) throw new Error('the administrator passphrase did not check');
    sealingKey = checked.sealingKey;
  });
  afterAll(async () => {
    await host.close();
    await v.close();
  });

  const keyEvents = async () => (await vault.data.all(qb.selectFrom('audit_events').select('seq').where('action', '=', 'key.create'))).length;

  it('opens with a copy that is current, without reading the keychain again', async () => {
    const current = await vault.secrets.get(ACCOUNTS.personKey(admin.id));
    let reads = 0;
    const keys = await openPersonKey(vault, admin.id, sealingKey, async () => {
      reads += 1;
      return current;
    });
    expect(reads).toBe(1);
    expect(keys?.keyId).toBe((await personPublicKeys(vault.data, admin.id))?.keyId);
  });

  it('reads the keychain again when the copy does not open, and keeps the key on record', async () => {
    const before = await personPublicKeys(vault.data, admin.id);
    const eventsBefore = await keyEvents();
    for (const stale of [null, 'v2.not-a-sealed-key', (await vault.secrets.get(ACCOUNTS.personKey(admin.id)))?.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) ?? null]) {
      const keys = await unlockPersonKey(vault, admin.id, sealingKey, null, async () => stale);
      expect(keys.keyId).toBe(before?.keyId);
    }
    expect(await personPublicKeys(vault.data, admin.id)).toEqual(before);
    expect(await keyEvents()).toBe(eventsBefore);
  });

  it('still makes a new key when neither the copy nor the keychain opens (the passphrase was reset)', async () => {
    const before = await personPublicKeys(vault.data, admin.id);
    const wrong = new Uint8Array(sealingKey.length).fill(7);
    const keys = await unlockPersonKey(vault, admin.id, wrong, null, async () => null);
    expect(keys.keyId).not.toBe(before?.keyId);
  });
});
