import { qb, type Sql } from '../db/sql';
import type { PublicKeys } from './person-key';
import type { Wrap } from './secret-crypto';

/** The SQL of holders' keys: person keys' public halves, secret versions and wraps. */

export type KeyRow = PublicKeys & { keyId: number };

/** A person's current key's public halves, if they have made one. */
export function personPublicKeys(sql: Sql, personId: number): KeyRow | undefined {
  const row = sql.first(
    qb.selectFrom('person_keys').select(['id', 'box_public', 'sign_public']).where('person_id', '=', personId).where('retired_at', 'is', null),
  );
  return row === undefined ? undefined : { keyId: row.id, boxPublic: row.box_public, signPublic: row.sign_public };
}

/** Any key, current or retired, by id: the signer of a wrap. */
export function keyById(sql: Sql, keyId: number): (PublicKeys & { personId: number }) | undefined {
  const row = sql.first(qb.selectFrom('person_keys').select(['person_id', 'box_public', 'sign_public']).where('id', '=', keyId));
  return row === undefined ? undefined : { personId: row.person_id, boxPublic: row.box_public, signPublic: row.sign_public };
}

/**
 * A new person key (the first, or one replacing a key that no longer opens: a passphrase reset).
 * The old key is retired and the wraps sealed to it go: the new key cannot open them.
 */
export function putPersonKey(sql: Sql, personId: number, publics: PublicKeys, at: string): { keyId: number; replaced: boolean; wrapsDropped: number } {
  const { retired: replaced, wrapsDropped } = retirePersonKey(sql, personId, at);
  const row = sql.first(
    qb.insertInto('person_keys').values({ person_id: personId, box_public: publics.boxPublic, sign_public: publics.signPublic, created_at: at }).returning('id'),
  );
  if (row === undefined) throw new Error('insert returned nothing');
  return { keyId: row.id, replaced, wrapsDropped };
}

/**
 * Retires the person's current key, if any, and drops the wraps sealed to them (no later key can
 * open them): before a new key, or at an administrator's passphrase reset.
 */
export function retirePersonKey(sql: Sql, personId: number, at: string): { retired: boolean; wrapsDropped: number } {
  const retired = sql.run(qb.updateTable('person_keys').set({ retired_at: at }).where('person_id', '=', personId).where('retired_at', 'is', null)).changes > 0;
  const wrapsDropped = sql.run(qb.deleteFrom('secret_wraps').where('recipient', '=', `person:${personId}`)).changes;
  return { retired, wrapsDropped };
}

export function latestVersion(sql: Sql, channelId: number, kind: string): number {
  const row = sql.first(
    qb.selectFrom('secret_versions').select((eb) => eb.fn.max('version').as('v')).where('channel_id', '=', channelId).where('kind', '=', kind),
  );
  return Number(row?.v ?? 0);
}

export function insertVersion(sql: Sql, row: { channelId: number; kind: string; version: number; nonce: string; ciphertext: string; at: string; by: number }): void {
  sql.run(
    qb.insertInto('secret_versions').values({
      channel_id: row.channelId,
      kind: row.kind,
      version: row.version,
      nonce: row.nonce,
      ciphertext: row.ciphertext,
      created_at: row.at,
      created_by: row.by,
    }),
  );
}

export function versionCiphertext(sql: Sql, channelId: number, kind: string, version: number): { nonce: string; ciphertext: string } | undefined {
  return sql.first(
    qb.selectFrom('secret_versions').select(['nonce', 'ciphertext']).where('channel_id', '=', channelId).where('kind', '=', kind).where('version', '=', version),
  );
}

/** A new version replaces the old: its ciphertexts and wraps are of no further use. */
export function dropOlderVersions(sql: Sql, channelId: number, kind: string, version: number): void {
  sql.run(qb.deleteFrom('secret_wraps').where('channel_id', '=', channelId).where('kind', '=', kind).where('version', '<', version));
  sql.run(qb.deleteFrom('secret_versions').where('channel_id', '=', channelId).where('kind', '=', kind).where('version', '<', version));
}

export function insertWrap(sql: Sql, at: { channelId: number; kind: string; version: number }, wrap: Wrap, signerKeyId: number, when: string): void {
  sql.run(
    qb.insertInto('secret_wraps').values({
      channel_id: at.channelId,
      kind: at.kind,
      version: at.version,
      recipient: wrap.recipient,
      sealed_key: wrap.sealedKey,
      signer_key_id: signerKeyId,
      signature: wrap.signature,
      created_at: when,
    }),
  );
}

export function wrapFor(sql: Sql, at: { channelId: number; kind: string; version: number }, recipient: string): (Wrap & { signerKeyId: number }) | undefined {
  const row = sql.first(
    qb
      .selectFrom('secret_wraps')
      .select(['recipient', 'sealed_key', 'signature', 'signer_key_id'])
      .where('channel_id', '=', at.channelId)
      .where('kind', '=', at.kind)
      .where('version', '=', at.version)
      .where('recipient', '=', recipient),
  );
  return row === undefined ? undefined : { recipient: row.recipient, sealedKey: row.sealed_key, signature: row.signature, signerKeyId: row.signer_key_id };
}

/** Revoke: the person's wraps of this channel (or of every channel) go in the revoke's transaction. */
export function deleteWrapsOf(sql: Sql, personId: number, channelId?: number): number {
  let query = qb.deleteFrom('secret_wraps').where('recipient', '=', `person:${personId}`);
  if (channelId !== undefined) query = query.where('channel_id', '=', channelId);
  return sql.run(query).changes;
}

/** The current (wrapped) secrets of a channel: kind and version. */
export function wrappedSecrets(sql: Sql, channelId: number): { kind: string; version: number }[] {
  return sql
    .all(qb.selectFrom('secrets').select(['kind', 'version']).where('channel_id', '=', channelId).where('storage', '=', 'wrapped').orderBy('kind'))
    .map((row) => ({ kind: row.kind, version: row.version as number }));
}

/** How many of a channel's current secrets a recipient has a wrap for. */
export function wrapCount(sql: Sql, channelId: number, recipient: string): number {
  const row = sql.first(
    qb
      .selectFrom('secret_wraps as w')
      .innerJoin('secrets as s', (join) => join.onRef('s.channel_id', '=', 'w.channel_id').onRef('s.kind', '=', 'w.kind').onRef('s.version', '=', 'w.version'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('w.channel_id', '=', channelId)
      .where('w.recipient', '=', recipient),
  );
  return Number(row?.n ?? 0);
}

export function setRotationDue(sql: Sql, channelId: number, since: string | null): void {
  sql.run(qb.updateTable('channels').set({ rotation_due_since: since }).where('id', '=', channelId));
}
