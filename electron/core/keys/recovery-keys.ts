import { createHash } from 'node:crypto';
import { keyMayReceive } from './trust-root';
import { insertWrap, keyById, personPublicKeys, wrapFor, wrappedSecrets } from './keys.repo';
import type { PersonKeys } from './person-key';
import { recoveryKeyRow } from './recovery.repo';
import { RECOVERY_KEY_BYTES } from './recovery-kit';
import { makeWrap, openWrap, personRecipient, RECOVERY_RECIPIENT, wrapSignatureValid, type SecretRef } from './secret-crypto';
import { openKey, type KeyVault } from './secret-keys';
import { fromB64, sodium, toB64, wipe } from './sodium';

/**
 * The recovery key's cryptography. The private half is the kit's 32 bytes (an X25519 secret);
 * the public half is derived from it, so a kit typed back proves itself by matching the public
 * half on record. It awaits nothing but the database, so it runs inside the ceremonies' transactions.
 */
export interface RecoveryKeyPair {
  boxPublic: Uint8Array;
  boxSecret: Uint8Array;
}

export function newRecoveryKey(): Uint8Array {
  return sodium().randombytes_buf(RECOVERY_KEY_BYTES);
}

export function recoveryKeyPair(secret: Uint8Array): RecoveryKeyPair {
  return { boxPublic: sodium().crypto_scalarmult_base(secret), boxSecret: secret };
}

/** A short, public name for the key (the trail records this, never the words). */
export function recoveryFingerprint(boxPublic: Uint8Array | string): string {
  const bytes = typeof boxPublic === 'string' ? fromB64(boxPublic) : boxPublic;
  return createHash('sha256').update('custodian recovery key').update(bytes).digest('hex').slice(0, 16);
}

/** The kit's key checked against the one on record: no kit made yet, another kit, or the pair. */
export async function matchKit(kv: KeyVault, secret: Uint8Array): Promise<'no-kit' | 'mismatch' | RecoveryKeyPair> {
  const row = await recoveryKeyRow(kv.data);
  if (row === undefined) return 'no-kit';
  const pair = recoveryKeyPair(secret);
  return toB64(pair.boxPublic) === row.boxPublic ? pair : 'mismatch';
}

/** SK of one secret through its recovery wrap, checking who signed the wrap; null when it does not open. */
async function openWithRecovery(kv: KeyVault, pair: RecoveryKeyPair, at: { channelId: number; kind: string; version: number }): Promise<Uint8Array | null> {
  const wrap = await wrapFor(kv.data, at, RECOVERY_RECIPIENT);
  if (wrap === undefined) return null;
  const signer = await keyById(kv.data, wrap.signerKeyId);
  const ref: SecretRef = { vaultId: kv.vaultId, ...at };
  if (signer === undefined || !wrapSignatureValid(wrap, ref, pair.boxPublic, fromB64(signer.signPublic))) return null;
  return openWrap(wrap.sealedKey, pair);
}

/**
 * The recovery grant's keys: every current secret of the channel opened through its recovery
 * wrap and sealed to the person's key, signed by the administrator running the ceremony. The
 * kinds sealed, or why not. Call in the ceremony's transaction.
 */
export async function wrapChannelFromRecovery(
  kv: KeyVault,
  pair: RecoveryKeyPair,
  signer: PersonKeys,
  channelId: number,
  personId: number,
  at: string,
): Promise<{ kinds: string[] } | 'no-key' | { unopened: string }> {
  const key = await personPublicKeys(kv.data, personId);
  // As for any wrap: never sealed to a key no administrator certified.
  if (key === undefined || !(await keyMayReceive(kv, key.keyId))) return 'no-key';
  const opened: { kind: string; version: number; sk: Uint8Array }[] = [];
  try {
    for (const secret of await wrappedSecrets(kv.data, channelId)) {
      if ((await wrapFor(kv.data, { channelId, ...secret }, personRecipient(personId))) !== undefined) continue;
      const sk = await openWithRecovery(kv, pair, { channelId, ...secret });
      if (sk === null) return { unopened: secret.kind };
      opened.push({ ...secret, sk });
    }
    for (const { kind, version, sk } of opened) {
      const ref: SecretRef = { vaultId: kv.vaultId, channelId, kind, version };
      await insertWrap(kv.data, { channelId, kind, version }, makeWrap(sk, ref, personRecipient(personId), fromB64(key.boxPublic), signer), signer.keyId, at);
    }
    return { kinds: opened.map((o) => o.kind) };
  } finally {
    for (const { sk } of opened) wipe(sk);
  }
}

/**
 * The recovery wraps a holder adds for a channel whose secrets were set before the kit existed:
 * each SK opened from the holder's own wrap and sealed to the recovery key. The kinds added, or
 * null when the holder cannot open them all (another holder will). Call in a transaction.
 */
export async function addRecoveryWraps(kv: KeyVault, holder: PersonKeys, channelId: number, at: string): Promise<string[] | null> {
  const recovery = await recoveryKeyRow(kv.data);
  if (recovery === undefined) return null;
  const recoveryPublic = fromB64(recovery.boxPublic);
  const opened: { kind: string; version: number; sk: Uint8Array }[] = [];
  try {
    for (const secret of await wrappedSecrets(kv.data, channelId)) {
      if ((await wrapFor(kv.data, { channelId, ...secret }, RECOVERY_RECIPIENT)) !== undefined) continue;
      const sk = await openKey(kv, holder, { channelId, ...secret });
      if (typeof sk === 'string') return null;
      opened.push({ ...secret, sk });
    }
    for (const { kind, version, sk } of opened) {
      const ref: SecretRef = { vaultId: kv.vaultId, channelId, kind, version };
      await insertWrap(kv.data, { channelId, kind, version }, makeWrap(sk, ref, RECOVERY_RECIPIENT, recoveryPublic, holder), holder.keyId, at);
    }
    return opened.map((o) => o.kind);
  } finally {
    for (const { sk } of opened) wipe(sk);
  }
}
