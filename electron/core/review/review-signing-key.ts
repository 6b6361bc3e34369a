import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ACCOUNTS } from '../secrets/vault-secrets';
import type { Vault } from '../vault/vault';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as SPKI DER, base64: written into the manifest for anyone to check with. */
  publicKeyBase64: string;
  fingerprint: string;
}

/**
 * The public key's fingerprint as printed in the PDF: SHA-256 of the raw 32-byte Ed25519 key,
 * in groups of four hex digits so a person can read it out over the phone.
 */
export function fingerprintOf(publicKey: KeyObject): string {
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const hex = createHash('sha256').update(raw).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)?.join(' ') ?? hex;
}

function fromStored(pkcs8Base64: string): SigningKey {
  const privateKey = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    fingerprint: fingerprintOf(publicKey),
  };
}

/** This vault's review signing key, or null when no pack has been exported yet. */
export async function readSigningKey(vault: Vault): Promise<SigningKey | null> {
  const stored = await vault.secrets.get(ACCOUNTS.reviewSigningKey);
  return stored === null ? null : fromStored(stored);
}

/**
 * The key for an export: created on first use, keychain first (the private half never touches
 * the database or the disk), then recorded with its fingerprint so the trail says when the
 * vault started signing packs and with which key.
 */
export async function signingKeyForExport(vault: Vault, actorId: number): Promise<SigningKey> {
  const existing = await readSigningKey(vault);
  if (existing !== null) return existing;
  const { privateKey } = generateKeyPairSync('ed25519');
  await vault.secrets.set(ACCOUNTS.reviewSigningKey, privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
  // Read back what the keychain holds, so a pack is always signed with the key it keeps.
  const key = await readSigningKey(vault);
  if (key === null) throw new Error('the signing key was not kept by the keychain');
  await vault.audit.append({ actorId, action: 'review.signing_key', target: 'review', outcome: 'ok', details: { fingerprint: key.fingerprint } });
  return key;
}
