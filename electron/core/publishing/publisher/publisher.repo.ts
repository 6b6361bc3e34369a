import type { Db } from '../../db/db.port';
import { sql } from 'kysely';
import { qb } from '../../db/sql';
import type { PublicKeys } from '../../keys/person-key';

/** The SQL of the publisher: its enrolments (public halves, signed) and the trail that vouches for them. */

export interface PublisherRow extends PublicKeys {
  id: number;
  enrolledAt: string;
  enrolledBy: number;
  signerKeyId: number;
  signature: string;
  keptIn: 'keychain' | 'file';
  retiredAt: string | null;
}

const COLUMNS = ['id', 'box_public', 'sign_public', 'enrolled_at', 'enrolled_by', 'signer_key_id', 'signature', 'kept_in', 'retired_at'] as const;

function toRow(row: { id: number; box_public: string; sign_public: string; enrolled_at: string; enrolled_by: number; signer_key_id: number; signature: string; kept_in: 'keychain' | 'file'; retired_at: string | null }): PublisherRow {
  return {
    id: row.id,
    boxPublic: row.box_public,
    signPublic: row.sign_public,
    enrolledAt: row.enrolled_at,
    enrolledBy: row.enrolled_by,
    signerKeyId: row.signer_key_id,
    signature: row.signature,
    keptIn: row.kept_in,
    retiredAt: row.retired_at,
  };
}

export async function currentPublisher(db: Db): Promise<PublisherRow | undefined> {
  const row = await db.first(currentQuery());
  return row === undefined ? undefined : toRow(row);
}

function currentQuery() {
  return qb.selectFrom('publishers').select(COLUMNS).where('retired_at', 'is', null);
}

export async function allPublishers(db: Db): Promise<PublisherRow[]> {
  return (await db.all(qb.selectFrom('publishers').select(COLUMNS).orderBy('id'))).map(toRow);
}

/** Retires the current publisher (if any) and records the new one; returns both ids. */
export async function putPublisher(db: Db, row: Omit<PublisherRow, 'id' | 'retiredAt'>): Promise<{ publisherId: number; retired: number | null }> {
  const before = await currentPublisher(db);
  if (before !== undefined) await db.run(qb.updateTable('publishers').set({ retired_at: row.enrolledAt }).where('id', '=', before.id));
  const inserted = await db.first(
    qb
      .insertInto('publishers')
      .values({
        box_public: row.boxPublic,
        sign_public: row.signPublic,
        enrolled_at: row.enrolledAt,
        enrolled_by: row.enrolledBy,
        signer_key_id: row.signerKeyId,
        signature: row.signature,
        kept_in: row.keptIn,
      })
      .returning('id'),
  );
  if (inserted === undefined) throw new Error('insert returned nothing');
  return { publisherId: inserted.id, retired: before?.id ?? null };
}

/**
 * The trail's latest enrolment: who made it and what its details say. The conditions are
 * literals, not parameters, so both engines can use the partial index on them (a parameter
 * would not match the index's WHERE and the query would walk the whole trail).
 */
export async function latestEnrolmentEvent(db: Db): Promise<{ actorId: number | null; details: string } | undefined> {
  const row = await db.first(
    qb.selectFrom('audit_events').select(['actor_id', 'details']).where('action', '=', sql.lit('publisher.enrol')).where('outcome', '=', sql.lit('ok')).orderBy('seq', 'desc').limit(1),
  );
  return row === undefined ? undefined : { actorId: row.actor_id, details: row.details };
}
