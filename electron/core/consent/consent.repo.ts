import type { ConsentEntryView } from '../../../shared/contract/views';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';

export type ConsentRow = {
  id: number;
  school_id: number;
  school: string;
  name: string;
  class_name: string | null;
  reason: ConsentEntryView['reason'];
  from_on: string | null;
  to_on: string | null;
  note: string | null;
  added_by: string;
  added_at: string;
  removed_at: string | null;
};

function consentQuery() {
  return qb
    .selectFrom('consent_entries as c')
    .innerJoin('schools as s', 's.id', 'c.school_id')
    .innerJoin('people as p', 'p.id', 'c.added_by')
    .select([
      'c.id',
      'c.school_id',
      's.code as school',
      'c.name',
      'c.class_name',
      'c.reason',
      'c.from_on',
      'c.to_on',
      'c.note',
      'p.email as added_by',
      'c.added_at',
      'c.removed_at',
    ]);
}

/** In force today (a London date): not removed, and today within from..to where they are set. */
export function consentActive(row: Pick<ConsentRow, 'removed_at' | 'from_on' | 'to_on'>, today: string): boolean {
  return row.removed_at === null && (row.from_on === null || row.from_on <= today) && (row.to_on === null || today <= row.to_on);
}

export function toConsentView(row: ConsentRow, today: string): ConsentEntryView {
  return {
    id: row.id,
    school: row.school,
    name: row.name,
    class: row.class_name,
    reason: row.reason,
    from: row.from_on,
    to: row.to_on,
    note: row.note,
    addedBy: row.added_by,
    addedAt: row.added_at,
    removedAt: row.removed_at,
    active: consentActive(row, today),
  };
}

export async function consentRowById(db: Db, id: number): Promise<ConsentRow> {
  const row = await db.first(consentQuery().where('c.id', '=', id));
  if (row === undefined) throw new CoreError('not_found', `No consent register entry has the id ${id}.`, 'id');
  return row;
}

/** A school's register, by name (then the order added); removed entries only when asked for. */
export async function consentRows(db: Db, schoolId: number, includeRemoved: boolean): Promise<ConsentRow[]> {
  let query = consentQuery().where('c.school_id', '=', schoolId);
  if (!includeRemoved) query = query.where('c.removed_at', 'is', null);
  return db.all(query.orderBy((eb) => eb.fn('lower', ['c.name'])).orderBy('c.id'));
}
