import { createPublicKey, verify } from 'node:crypto';
import { fromB64, sodium, toB64, wipe } from '../../keys/sodium';
import type { PublicKeys } from '../../keys/person-key';

/**
 * The publisher key (design: keys-and-server.md, "Keys"): X25519 + Ed25519, like a person key,
 * but it belongs to the publishing computer, not to a person. Its private halves are kept in
 * plain on that computer (the keychain, or a 0400 key file on a headless box: the documented
 * exception), because `scheduler run` must start without anyone's passphrase. That is safe
 * only because the publisher opens nothing: no wrap is ever sealed to it.
 */
export interface PublisherKeys {
  boxPublic: Uint8Array;
  boxSecret: Uint8Array;
  signPublic: Uint8Array;
  signSecret: Uint8Array;
}

export function generatePublisherKeys(): PublisherKeys {
  const na = sodium();
  const box = na.crypto_box_keypair();
  const sign = na.crypto_sign_keypair();
  return { boxPublic: box.publicKey, boxSecret: box.privateKey, signPublic: sign.publicKey, signSecret: sign.privateKey };
}

export function publisherPublics(keys: PublisherKeys): PublicKeys {
  return { boxPublic: toB64(keys.boxPublic), signPublic: toB64(keys.signPublic) };
}

/** What the enrolling administrator signs: this vault, these public keys, this moment. */
export function enrolmentStatement(vaultId: string, publics: PublicKeys, enrolledAt: string): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(['custodian publisher enrolment v1', vaultId, publics.boxPublic, publics.signPublic, enrolledAt]));
}

/** The administrator's Ed25519 signature (libsodium form of their person key's signing half). */
export function signEnrolment(signSecret: Uint8Array, statement: Uint8Array): string {
  return toB64(sodium().crypto_sign_detached(statement, signSecret));
}

/**
 * Checks a signature with node:crypto (standard Ed25519, the same bytes libsodium makes), so
 * verify can run on any database without waiting for libsodium to load.
 */
export function enrolmentSignatureValid(signerPublicB64: string, signatureB64: string, statement: Uint8Array): boolean {
  try {
    const raw = Buffer.from(signerPublicB64, 'base64');
    if (raw.length !== 32) return false;
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    return verify(null, statement, key, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

/** The stored form (keychain entry or key file): JSON naming its vault and public halves. */
export function serialisePublisherKey(keys: PublisherKeys, vaultId: string): string {
  return `${JSON.stringify({
    v: 1,
    kind: 'custodian publisher key',
    vaultId,
    ...publisherPublics(keys),
    boxSecret: toB64(keys.boxSecret),
    signSecret: toB64(keys.signSecret),
  })}\n`;
}

/**
 * Reads the stored form and keeps it only if its private halves belong to `publics` (the
 * enrolled publisher's, from the database) and it names this vault; null otherwise.
 */
export function parsePublisherKey(text: string, vaultId: string, publics: PublicKeys): PublisherKeys | null {
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (parsed.v !== 1 || parsed.vaultId !== vaultId || typeof parsed.boxSecret !== 'string' || typeof parsed.signSecret !== 'string') return null;
  const na = sodium();
  const keys: PublisherKeys = { boxPublic: fromB64(publics.boxPublic), boxSecret: fromB64(parsed.boxSecret), signPublic: fromB64(publics.signPublic), signSecret: fromB64(parsed.signSecret) };
  const fits =
    keys.boxSecret.length === na.crypto_box_SECRETKEYBYTES &&
    keys.signSecret.length === na.crypto_sign_SECRETKEYBYTES &&
    keys.boxPublic.length === na.crypto_box_PUBLICKEYBYTES &&
    keys.signPublic.length === na.crypto_sign_PUBLICKEYBYTES &&
    na.memcmp(na.crypto_scalarmult_base(keys.boxSecret), keys.boxPublic) &&
    // The seed must give the public half (its copy in the secret's last 32 bytes proves nothing).
    na.memcmp(na.crypto_sign_seed_keypair(keys.signSecret.slice(0, 32)).publicKey, keys.signPublic);
  if (!fits) {
    wipePublisherKeys(keys);
    return null;
  }
  return keys;
}

export function wipePublisherKeys(keys: PublisherKeys | null | undefined): void {
  if (keys) wipe(keys.boxSecret, keys.signSecret);
}
