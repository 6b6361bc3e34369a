import { fromB64, sodium, toB64, wipe } from './sodium';

/**
 * A person's key on this computer (design: holders' keys): X25519 opens the wraps sealed to
 * them, Ed25519 signs the wraps they make. Made by its owner at sign-in; the private halves
 * are sealed under the key their passphrase gives (auth/passphrase.ts) and kept in the
 * keychain; the public halves are in the database (person_keys).
 */
export interface PersonKeys {
  personId: number;
  /** person_keys.id of the public halves (0 until the key is recorded). */
  keyId: number;
  boxPublic: Uint8Array;
  boxSecret: Uint8Array;
  signPublic: Uint8Array;
  signSecret: Uint8Array;
}

export interface PublicKeys {
  boxPublic: string;
  signPublic: string;
}

export function generatePersonKeys(personId: number): PersonKeys {
  const na = sodium();
  const box = na.crypto_box_keypair();
  const sign = na.crypto_sign_keypair();
  return { personId, keyId: 0, boxPublic: box.publicKey, boxSecret: box.privateKey, signPublic: sign.publicKey, signSecret: sign.privateKey };
}

export function publicKeysOf(keys: PersonKeys): PublicKeys {
  return { boxPublic: toB64(keys.boxPublic), signPublic: toB64(keys.signPublic) };
}

/** Binds the sealed form to its vault, its person and its public halves: it cannot be moved to another. */
function sealingContext(vaultId: string, personId: number, publics: PublicKeys): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(['custodian person key v1', vaultId, personId, publics.boxPublic, publics.signPublic]));
}

/** The keychain form: JSON {v, nonce, sealed} of XChaCha20-Poly1305(box secret ‖ sign secret). */
export function sealPersonKeys(keys: PersonKeys, sealingKey: Uint8Array, vaultId: string): string {
  const na = sodium();
  const nonce = na.randombytes_buf(na.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const plain = new Uint8Array(keys.boxSecret.length + keys.signSecret.length);
  plain.set(keys.boxSecret, 0);
  plain.set(keys.signSecret, keys.boxSecret.length);
  const sealed = na.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, sealingContext(vaultId, keys.personId, publicKeysOf(keys)), null, nonce, sealingKey);
  wipe(plain);
  return JSON.stringify({ v: 1, nonce: toB64(nonce), sealed: toB64(sealed) });
}

/** Opens the keychain form with the passphrase's key; null when it does not open (another passphrase, altered). */
export function openPersonKeys(stored: string, sealingKey: Uint8Array, vaultId: string, personId: number, publics: PublicKeys & { keyId: number }): PersonKeys | null {
  const na = sodium();
  let parsed: { v?: unknown; nonce?: unknown; sealed?: unknown };
  try {
    parsed = JSON.parse(stored) as typeof parsed;
  } catch {
    return null;
  }
  if (parsed.v !== 1 || typeof parsed.nonce !== 'string' || typeof parsed.sealed !== 'string') return null;
  let plain: Uint8Array;
  try {
    plain = na.crypto_aead_xchacha20poly1305_ietf_decrypt(null, fromB64(parsed.sealed), sealingContext(vaultId, personId, publics), fromB64(parsed.nonce), sealingKey);
  } catch {
    return null;
  }
  const boxSecret = plain.slice(0, na.crypto_box_SECRETKEYBYTES);
  const signSecret = plain.slice(na.crypto_box_SECRETKEYBYTES);
  wipe(plain);
  const keys = { personId, keyId: publics.keyId, boxPublic: fromB64(publics.boxPublic), boxSecret, signPublic: fromB64(publics.signPublic), signSecret };
  // The public halves come from the database: they must be the ones the sealed private halves belong to.
  const boxMatches = na.memcmp(na.crypto_scalarmult_base(boxSecret), keys.boxPublic);
  const signMatches = na.memcmp(signSecret.slice(32), keys.signPublic);
  if (!boxMatches || !signMatches) {
    wipePersonKeys(keys);
    return null;
  }
  return keys;
}

export function wipePersonKeys(keys: PersonKeys | null | undefined): void {
  if (keys) wipe(keys.boxSecret, keys.signSecret);
}
