import type { Db } from '../../db/db.port';
import { qb, type Sql } from '../../db/sql';
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

/**
 * The synchronous twin of currentPublisher, for the router's check on every call of a publisher
 * session (router.ts moves onto the Db port separately, issue 14): delete it then.
 */
export function currentPublisherSync(sql: Sql): PublisherRow | undefined {
  const row = sql.first(currentQuery());
  return row === undefined ? undefined : toRow(row);
}

function currentQuery() {
  return qb.selectFrom('publishers').select(COLUMNS).where('retired_at', 'is', null);
}

export function allPublishers(sql: Sql): PublisherRow[] {
  return sql.all(qb.selectFrom('publishers').select(COLUMNS).orderBy('id')).map(toRow);
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

/** The trail's latest enrolment: who made it and what its details say (the partial index makes it cheap). */
export function latestEnrolmentEvent(sql: Sql): { actorId: number | null; details: string } | undefined {
  return sql.raw
    .prepare<[], { actor_id: number | null; details: string }>("SELECT actor_id, details FROM audit_events WHERE action = 'publisher.enrol' AND outcome = 'ok' ORDER BY seq DESC LIMIT 1")
    .all()
    .map((row) => ({ actorId: row.actor_id, details: row.details }))[0];
}
