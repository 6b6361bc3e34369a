import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { dropOlderVersions, insertVersion, insertWrap, keyById, latestVersion, personPublicKeys, versionCiphertext, wrapFor, wrappedSecrets } from './keys.repo';
import type { PersonKeys } from './person-key';
import { decryptSecret, encryptSecret, makeWrap, newSecretKey, openWrap, personRecipient, RECOVERY_RECIPIENT, wrapSignatureValid, type SecretRef } from './secret-crypto';
import { recoveryKeyRow } from './recovery.repo';
import { fromB64, wipe } from './sodium';
import { keyMayReceive } from './trust-root';

/**
 * The secrets' side of holders' keys, for one vault: write a new version sealed to the holders,
 * open one for a holder, and re-seal a channel's keys to a new holder. The cryptography is
 * synchronous (libsodium is loaded before the core serves): each awaits nothing but the database,
 * so it runs inside the caller's transaction with its audit.
 */
export interface KeyVault {
  vaultId: string;
  data: Db;
}

/** The current holders of a channel who have a key (the others are pending: waiting for their key). */
export async function keyedHolders(db: Db, channelId: number): Promise<{ personId: number; keyId: number; boxPublic: string }[]> {
  return (
    await db.all(
      qb
        .selectFrom('access_grants as g')
        .innerJoin('person_keys as k', (join) => join.onRef('k.person_id', '=', 'g.person_id').on('k.retired_at', 'is', null))
        .select(['g.person_id', 'k.id', 'k.box_public'])
        .where('g.channel_id', '=', channelId)
        .where('g.revoked_at', 'is', null)
        .orderBy('g.person_id'),
    )
  ).map((row) => ({ personId: row.person_id, keyId: row.id, boxPublic: row.box_public }));
}

/**
 * Write-only: a new version of a channel's secret, under a new key sealed at once to every
 * current keyed holder (the writer included: whoever sets a secret holds it) and to the recovery
 * key when a kit exists. The writer need not be able to read the old value. Returns the new
 * version. Call inside a transaction.
 */
export async function writeSecretVersion(kv: KeyVault, writer: PersonKeys, channelId: number, kind: string, value: string, at: string): Promise<number> {
  const recipients = await keyedHolders(kv.data, channelId);
  if (!recipients.some((r) => r.personId === writer.personId)) throw new Error('the writer of a secret must hold its channel first');
  // A holder whose key no administrator certified (planted in the database) gets no wrap: they wait for their key.
  const certified: typeof recipients = [];
  for (const r of recipients) if (r.personId === writer.personId || (await keyMayReceive(kv, r.keyId))) certified.push(r);
  return sealNewVersion(kv, writer, { channelId, kind, value, at }, certified);
}

/**
 * A channel nobody holds, moved out of the plain keychain by an administrator: sealed to the
 * recovery key only (the administrator does not become a holder by moving it; a recovery grant
 * or a new value gives it holders). Requires a kit. Call inside a transaction.
 */
export async function writeRecoveryOnlyVersion(kv: KeyVault, writer: PersonKeys, channelId: number, kind: string, value: string, at: string): Promise<number> {
  if ((await recoveryKeyRow(kv.data)) === undefined) throw new Error('a recovery-only secret needs a recovery key');
  return sealNewVersion(kv, writer, { channelId, kind, value, at }, []);
}

async function sealNewVersion(
  kv: KeyVault,
  writer: PersonKeys,
  secret: { channelId: number; kind: string; value: string; at: string },
  recipients: { personId: number; boxPublic: string }[],
): Promise<number> {
  const { channelId, kind, at } = secret;
  const version = (await latestVersion(kv.data, channelId, kind)) + 1;
  const ref: SecretRef = { vaultId: kv.vaultId, channelId, kind, version };
  const sk = newSecretKey();
  try {
    const { nonce, ciphertext } = encryptSecret(sk, secret.value, ref);
    await insertVersion(kv.data, { channelId, kind, version, nonce, ciphertext, at, by: writer.personId });
    for (const recipient of recipients) {
      await insertWrap(kv.data, { channelId, kind, version }, makeWrap(sk, ref, personRecipient(recipient.personId), fromB64(recipient.boxPublic), writer), writer.keyId, at);
    }
    // The kit opens every secret: each new version is sealed to it too, so it never falls behind.
    const recovery = await recoveryKeyRow(kv.data);
    if (recovery !== undefined) {
      await insertWrap(kv.data, { channelId, kind, version }, makeWrap(sk, ref, RECOVERY_RECIPIENT, fromB64(recovery.boxPublic), writer), writer.keyId, at);
    }
    await dropOlderVersions(kv.data, channelId, kind, version);
  } finally {
    wipe(sk);
  }
  return version;
}

export type OpenFailure = 'no-wrap' | 'bad-signature' | 'does-not-open';

/** Opens SK(channel, kind, version) from the holder's own wrap, checking who signed it. */
export async function openKey(kv: KeyVault, keys: PersonKeys, at: { channelId: number; kind: string; version: number }): Promise<Uint8Array | OpenFailure> {
  const wrap = await wrapFor(kv.data, at, personRecipient(keys.personId));
  if (wrap === undefined) return 'no-wrap';
  const signer = await keyById(kv.data, wrap.signerKeyId);
  const ref: SecretRef = { vaultId: kv.vaultId, ...at };
  if (signer === undefined || !wrapSignatureValid(wrap, ref, keys.boxPublic, fromB64(signer.signPublic))) return 'bad-signature';
  return openWrap(wrap.sealedKey, keys) ?? 'does-not-open';
}

/** The plain value of a channel's current secret, for a holder with a wrap. */
export async function openSecret(kv: KeyVault, keys: PersonKeys, channelId: number, kind: string, version: number): Promise<string | OpenFailure> {
  const sk = await openKey(kv, keys, { channelId, kind, version });
  if (typeof sk === 'string') return sk;
  try {
    const stored = await versionCiphertext(kv.data, channelId, kind, version);
    if (stored === undefined) return 'no-wrap';
    return decryptSecret(sk, stored, { vaultId: kv.vaultId, channelId, kind, version });
  } finally {
    wipe(sk);
  }
}

/**
 * Seals every current secret of a channel to a holder's key, from the keys of `granter`, who
 * must be able to open them all. 'nothing' when the channel has no wrapped secret (nothing to
 * wait for); 'granter-cannot-open' and 'no-key' are the two pending states. Call in a transaction.
 */
export async function wrapChannelFor(
  kv: KeyVault,
  granter: PersonKeys | null,
  channelId: number,
  personId: number,
  at: string,
): Promise<'done' | 'nothing' | 'granter-cannot-open' | 'no-key'> {
  const secrets = await wrappedSecrets(kv.data, channelId);
  if (secrets.length === 0) return 'nothing';
  const key = await personPublicKeys(kv.data, personId);
  // A key no administrator certified is no key: nothing is sealed to it (a planted person_keys row).
  if (key === undefined || !(await keyMayReceive(kv, key.keyId))) return 'no-key';
  if (granter === null) return 'granter-cannot-open';
  const opened: { kind: string; version: number; sk: Uint8Array }[] = [];
  try {
    for (const secret of secrets) {
      if ((await wrapFor(kv.data, { channelId, ...secret }, personRecipient(personId))) !== undefined) continue;
      const sk = await openKey(kv, granter, { channelId, ...secret });
      if (typeof sk === 'string') return 'granter-cannot-open';
      opened.push({ ...secret, sk });
    }
    for (const { kind, version, sk } of opened) {
      const ref: SecretRef = { vaultId: kv.vaultId, channelId, kind, version };
      await insertWrap(kv.data, { channelId, kind, version }, makeWrap(sk, ref, personRecipient(personId), fromB64(key.boxPublic), granter), granter.keyId, at);
    }
    return 'done';
  } finally {
    for (const { sk } of opened) wipe(sk);
  }
}
