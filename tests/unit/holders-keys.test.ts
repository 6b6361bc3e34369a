import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePersonKeys, openPersonKeys, publicKeysOf, sealPersonKeys } from '../../electron/core/keys/person-key';
import { decryptSecret, encryptSecret, makeWrap, newSecretKey, openWrap, wrapSignatureValid, type SecretRef } from '../../electron/core/keys/secret-crypto';
import { sodium, sodiumReady } from '../../electron/core/keys/sodium';
import { RFC6238_SHA1_BASE32, RFC6238_VECTORS } from '../support/rfc6238-vectors';
import { createTestVault, value, type TestVault } from '../support/test-vault';

/**
 * Holders' keys at the level of the primitives, written as someone who can edit the database:
 * every piece of ciphertext and every wrap is bound to where it belongs, so moving one to
 * another channel, kind, version, recipient, person or vault must make it refuse to open,
 * never open as something else. Each refusal has its positive twin so the test can fail.
 */
const VAULT = 'vault-under-test';
const ref = (over: Partial<SecretRef> = {}): SecretRef => ({ vaultId: VAULT, channelId: 7, kind: 'password', version: 3, ...over });

beforeAll(async () => {
  await sodiumReady();
});

describe('a secret ciphertext is bound to its vault, channel, kind and version', () => {
  it('opens where it was written and nowhere else', () => {
    const sk = newSecretKey();
    const stored = encryptSecret(sk, 'Harbour-Lantern-81', ref());
    expect(decryptSecret(sk, stored, ref())).toBe('Harbour-Lantern-81');
    for (const moved of [ref({ version: 4 }), ref({ version: 2 }), ref({ channelId: 8 }), ref({ kind: 'totp' }), ref({ vaultId: 'another-vault' })]) {
      expect(() => decryptSecret(sk, stored, moved), JSON.stringify(moved)).toThrow(/altered or moved/);
    }
  });

  it('does not open under another version key, nor after one flipped byte', () => {
    const sk = newSecretKey();
    const stored = encryptSecret(sk, 'Harbour-Lantern-81', ref());
    expect(() => decryptSecret(newSecretKey(), stored, ref())).toThrow(/altered or moved/);
    const bytes = Buffer.from(stored.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    expect(() => decryptSecret(sk, { ...stored, ciphertext: bytes.toString('base64') }, ref())).toThrow(/altered or moved/);
  });
});

describe('a wrap is signed over its secret, its recipient and their key', () => {
  it('verifies for the recipient it was made for and fails for any other', () => {
    const signer = { ...generatePersonKeys(1), keyId: 11 };
    const alice = generatePersonKeys(2);
    const bob = generatePersonKeys(3);
    const sk = newSecretKey();
    const wrap = makeWrap(sk, ref(), 'person:2', alice.boxPublic, signer);
    expect(wrapSignatureValid(wrap, ref(), alice.boxPublic, signer.signPublic)).toBe(true);
    // The row copied to Bob: his recipient name, his key, or both; or to another version of the secret.
    expect(wrapSignatureValid({ ...wrap, recipient: 'person:3' }, ref(), alice.boxPublic, signer.signPublic)).toBe(false);
    expect(wrapSignatureValid(wrap, ref(), bob.boxPublic, signer.signPublic)).toBe(false);
    expect(wrapSignatureValid({ ...wrap, recipient: 'person:3' }, ref(), bob.boxPublic, signer.signPublic)).toBe(false);
    expect(wrapSignatureValid(wrap, ref({ version: 4 }), alice.boxPublic, signer.signPublic)).toBe(false);
    // Signed by someone else than the signer the row names.
    expect(wrapSignatureValid(wrap, ref(), alice.boxPublic, bob.signPublic)).toBe(false);
    // And the sealed box itself opens only for Alice.
    expect(openWrap(wrap.sealedKey, bob)).toBeNull();
    expect(Buffer.from(openWrap(wrap.sealedKey, alice) ?? new Uint8Array()).equals(Buffer.from(sk))).toBe(true);
  });
});

describe('a sealed person key opens only with its passphrase key, for its person, in its vault', () => {
  const na = () => sodium();

  it('refuses a wrong sealing key, another person id, other public halves and another vault', () => {
    const keys = generatePersonKeys(5);
    const other = generatePersonKeys(6);
    const sealingKey = na().randombytes_buf(32);
    const sealed = sealPersonKeys(keys, sealingKey, VAULT);
    const publics = { ...publicKeysOf(keys), keyId: 1 };
    const opened = openPersonKeys(sealed, sealingKey, VAULT, 5, publics);
    expect(opened && Buffer.from(opened.boxSecret).equals(Buffer.from(keys.boxSecret))).toBe(true);

    expect(openPersonKeys(sealed, na().randombytes_buf(32), VAULT, 5, publics)).toBeNull();
    // The keychain entry copied to person 6's account, with or without their public halves.
    expect(openPersonKeys(sealed, sealingKey, VAULT, 6, publics)).toBeNull();
    expect(openPersonKeys(sealed, sealingKey, VAULT, 6, { ...publicKeysOf(other), keyId: 2 })).toBeNull();
    // Person 5's public halves swapped in the database for someone else's.
    expect(openPersonKeys(sealed, sealingKey, VAULT, 5, { ...publicKeysOf(other), keyId: 1 })).toBeNull();
    expect(openPersonKeys(sealed, sealingKey, 'another-vault', 5, publics)).toBeNull();
    expect(openPersonKeys('not json', sealingKey, VAULT, 5, publics)).toBeNull();
  });
});

describe('RFC 6238 vectors through a wrapped TOTP seed', () => {
  let v: TestVault;
  const channel = 'instagram:@pendleprimaryacademy';

  beforeAll(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    // Write-only setting makes the setter a holder: the administrator can then ask for codes.
    value(await v.call(v.admin, 'secret.set', { channel, kind: 'totp', value: RFC6238_SHA1_BASE32 }));
  });
  afterAll(async () => v.close());

  it('stores the seed as ciphertext under holders keys, not in plain', async () => {
    const row = await v.database.get("SELECT s.storage FROM secrets s JOIN channels c ON c.id = s.channel_id WHERE c.handle = '@pendleprimaryacademy' AND s.kind = 'totp'");
    expect(row).toEqual({ storage: 'wrapped' });
  });

  for (const [t, sha1] of RFC6238_VECTORS) {
    // A pasted base32 key gives 6 digits: the RFC's 8-digit code modulo 10^6, its last six.
    it(`T=${t} gives ${sha1.slice(-6)}`, async () => {
      v.clock.set(new Date(t * 1000));
      const code = value(await v.call(v.admin, 'totp.code', { channel, reason: 'RFC 6238 vector' }));
      expect(code.code).toBe(sha1.slice(-6));
      expect(code.period).toBe(30);
    });
  }
});
