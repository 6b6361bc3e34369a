import type { SecretKind } from '../../../shared/domain/enums';
import { CoreError } from '../errors';
import type { PersonKeys } from './person-key';
import { fromB64, sodium, toB64, wipe } from './sodium';

/** Which secret a key, a ciphertext or a wrap belongs to: bound into each, so none can be moved. */
export interface SecretRef {
  vaultId: string;
  channelId: number;
  kind: SecretKind | string;
  version: number;
}

const encode = (parts: unknown[]): Uint8Array => new TextEncoder().encode(JSON.stringify(parts));
const secretAd = (ref: SecretRef) => encode(['custodian secret v1', ref.vaultId, ref.channelId, ref.kind, ref.version]);

/** SK(channel, kind, version): 32 random bytes, never at rest in plain. */
export function newSecretKey(): Uint8Array {
  return sodium().crypto_aead_xchacha20poly1305_ietf_keygen();
}

export function encryptSecret(sk: Uint8Array, value: string, ref: SecretRef): { nonce: string; ciphertext: string } {
  const na = sodium();
  const nonce = na.randombytes_buf(na.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const ciphertext = na.crypto_aead_xchacha20poly1305_ietf_encrypt(new TextEncoder().encode(value), secretAd(ref), null, nonce, sk);
  return { nonce: toB64(nonce), ciphertext: toB64(ciphertext) };
}

export function decryptSecret(sk: Uint8Array, stored: { nonce: string; ciphertext: string }, ref: SecretRef): string {
  try {
    const plain = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, fromB64(stored.ciphertext), secretAd(ref), fromB64(stored.nonce), sk);
    const value = new TextDecoder().decode(plain);
    wipe(plain);
    return value;
  } catch {
    throw new CoreError('internal', 'A stored secret could not be opened: its ciphertext was altered or moved. Run "custodian audit verify".');
  }
}

/** What a wrap's signature covers: the secret, the recipient and their key, and the sealed key itself. */
function wrapBytes(ref: SecretRef, recipient: string, recipientBoxPublic: Uint8Array, sealedKey: string): Uint8Array {
  return encode(['custodian wrap v1', ref.vaultId, ref.channelId, ref.kind, ref.version, recipient, toB64(recipientBoxPublic), sealedKey]);
}

export interface Wrap {
  recipient: string;
  sealedKey: string;
  signature: string;
}

/** Seals SK to one recipient's X25519 key and signs the wrap with the maker's Ed25519 key. */
export function makeWrap(sk: Uint8Array, ref: SecretRef, recipient: string, recipientBoxPublic: Uint8Array, signer: PersonKeys): Wrap {
  const na = sodium();
  const sealedKey = toB64(na.crypto_box_seal(sk, recipientBoxPublic));
  const signature = toB64(na.crypto_sign_detached(wrapBytes(ref, recipient, recipientBoxPublic, sealedKey), signer.signSecret));
  return { recipient, sealedKey, signature };
}

export function wrapSignatureValid(wrap: Wrap, ref: SecretRef, recipientBoxPublic: Uint8Array, signerSignPublic: Uint8Array): boolean {
  try {
    return sodium().crypto_sign_verify_detached(fromB64(wrap.signature), wrapBytes(ref, wrap.recipient, recipientBoxPublic, wrap.sealedKey), signerSignPublic);
  } catch {
    return false;
  }
}

/** Opens a wrap sealed to `keys`; null when it is not theirs or was altered. */
export function openWrap(sealedKey: string, keys: { boxPublic: Uint8Array; boxSecret: Uint8Array }): Uint8Array | null {
  try {
    return sodium().crypto_box_seal_open(fromB64(sealedKey), keys.boxPublic, keys.boxSecret);
  } catch {
    return null;
  }
}

export const personRecipient = (personId: number): string => `person:${personId}`;
export const RECOVERY_RECIPIENT = 'recovery';
