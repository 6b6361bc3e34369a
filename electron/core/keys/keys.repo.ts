import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import type { PublicKeys } from './person-key';
import type { Wrap } from './secret-crypto';

/** The SQL of holders' keys: person keys' public halves, secret versions and wraps. */

export type KeyRow = PublicKeys & { keyId: number };

/** A person's current key's public halves, if they have made one. */
export async function personPublicKeys(db: Db, personId: number): Promise<KeyRow | undefined> {
  const row = await db.first(
    qb.selectFrom('person_keys').select(['id', 'box_public', 'sign_public']).where('person_id', '=', personId).where('retired_at', 'is', null),
  );
  return row === undefined ? undefined : { keyId: row.id, boxPublic: row.box_public, signPublic: row.sign_public };
}

const keyByIdQuery = (keyId: number) => qb.selectFrom('person_keys').select(['person_id', 'box_public', 'sign_public']).where('id', '=', keyId);
type KeyByIdRow = { person_id: number; box_public: string; sign_public: string };
const keyOf = (row: KeyByIdRow | undefined) => (row === undefined ? undefined : { personId: row.person_id, boxPublic: row.box_public, signPublic: row.sign_public });

/** Any key, current or retired, by id: the signer of a wrap. */
export async function keyById(db: Db, keyId: number): Promise<(PublicKeys & { personId: number }) | undefined> {
  return keyOf(await db.first(keyByIdQuery(keyId)));
}

/**
 * A new person key (the first, or one replacing a key that no longer opens: a passphrase reset).
 * The old key is retired and the wraps sealed to it go: the new key cannot open them.
 */
export async function putPersonKey(db: Db, personId: number, publics: PublicKeys, at: string): Promise<{ keyId: number; replaced: boolean; wrapsDropped: number }> {
  const { retired: replaced, wrapsDropped } = await retirePersonKey(db, personId, at);
  const row = await db.first(
    qb.insertInto('person_keys').values({ person_id: personId, box_public: publics.boxPublic, sign_public: publics.signPublic, created_at: at }).returning('id'),
  );
  if (row === undefined) throw new Error('insert returned nothing');
  return { keyId: row.id, replaced, wrapsDropped };
}

/**
 * Retires the person's current key, if any, and drops the wraps sealed to them (no later key can
 * open them): before a new key, or at an administrator's passphrase reset.
 */
export async function retirePersonKey(db: Db, personId: number, at: string): Promise<{ retired: boolean; wrapsDropped: number }> {
  const retired = (await db.run(qb.updateTable('person_keys').set({ retired_at: at }).where('person_id', '=', personId).where('retired_at', 'is', null))).changes > 0;
  const wrapsDropped = (await db.run(qb.deleteFrom('secret_wraps').where('recipient', '=', `person:${personId}`))).changes;
  return { retired, wrapsDropped };
}

export async function latestVersion(db: Db, channelId: number, kind: string): Promise<number> {
  const row = await db.first(
    qb.selectFrom('secret_versions').select((eb) => eb.fn.max('version').as('v')).where('channel_id', '=', channelId).where('kind', '=', kind),
  );
  return Number(row?.v ?? 0);
}

export async function insertVersion(db: Db, row: { channelId: number; kind: string; version: number; nonce: string; ciphertext: string; at: string; by: number }): Promise<void> {
  await db.run(
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

export async function versionCiphertext(db: Db, channelId: number, kind: string, version: number): Promise<{ nonce: string; ciphertext: string } | undefined> {
  return db.first(
    qb.selectFrom('secret_versions').select(['nonce', 'ciphertext']).where('channel_id', '=', channelId).where('kind', '=', kind).where('version', '=', version),
  );
}

/** A new version replaces the old: its ciphertexts and wraps are of no further use. */
export async function dropOlderVersions(db: Db, channelId: number, kind: string, version: number): Promise<void> {
  await db.run(qb.deleteFrom('secret_wraps').where('channel_id', '=', channelId).where('kind', '=', kind).where('version', '<', version));
  await db.run(qb.deleteFrom('secret_versions').where('channel_id', '=', channelId).where('kind', '=', kind).where('version', '<', version));
}

export async function insertWrap(db: Db, at: { channelId: number; kind: string; version: number }, wrap: Wrap, signerKeyId: number, when: string): Promise<void> {
  await db.run(
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

export async function wrapFor(db: Db, at: { channelId: number; kind: string; version: number }, recipient: string): Promise<(Wrap & { signerKeyId: number }) | undefined> {
  const row = await db.first(
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
export async function deleteWrapsOf(db: Db, personId: number, channelId?: number): Promise<number> {
  let query = qb.deleteFrom('secret_wraps').where('recipient', '=', `person:${personId}`);
  if (channelId !== undefined) query = query.where('channel_id', '=', channelId);
  return (await db.run(query)).changes;
}

/** The current (wrapped) secrets of a channel: kind and version. */
export async function wrappedSecrets(db: Db, channelId: number): Promise<{ kind: string; version: number }[]> {
  return (await db.all(qb.selectFrom('secrets').select(['kind', 'version']).where('channel_id', '=', channelId).where('storage', '=', 'wrapped').orderBy('kind'))).map((row) => ({ kind: row.kind, version: row.version as number }));
}

/** How many of a channel's current secrets a recipient has a wrap for. */
export async function wrapCount(db: Db, channelId: number, recipient: string): Promise<number> {
  const row = await db.first(
    qb
      .selectFrom('secret_wraps as w')
      .innerJoin('secrets as s', (join) => join.onRef('s.channel_id', '=', 'w.channel_id').onRef('s.kind', '=', 'w.kind').onRef('s.version', '=', 'w.version'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('w.channel_id', '=', channelId)
      .where('w.recipient', '=', recipient),
  );
  return Number(row?.n ?? 0);
}

export async function setRotationDue(db: Db, channelId: number, since: string | null): Promise<void> {
  await db.run(qb.updateTable('channels').set({ rotation_due_since: since }).where('id', '=', channelId));
}
