import { addDays } from '../../../shared/calendar/iso-date';
import { londonDate } from '../../../shared/calendar/london-date';
import type { InboxItemView } from '../../../shared/contract/views';
import { channelLabel } from '../channels/channels.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';

export type InboxStatus = InboxItemView['status'];

export function inboxQuery() {
  return qb
    .selectFrom('inbox_items')
    .innerJoin('channels', 'channels.id', 'inbox_items.channel_id')
    .leftJoin('schools', 'schools.id', 'channels.school_id')
    .select([
      'inbox_items.id',
      'inbox_items.channel_id',
      'channels.platform',
      'channels.handle',
      'channels.name as channel_name',
      'channels.school_id',
      'schools.code as school',
      'inbox_items.kind',
      'inbox_items.received_at',
      'inbox_items.summary',
      'inbox_items.author_handle',
      'inbox_items.due_on',
      'inbox_items.late_from',
      'inbox_items.warnings',
      'inbox_items.responded_at',
      'inbox_items.response_how',
      'inbox_items.school_days_taken',
      'inbox_items.dsl_alerted_at',
    ]);
}

export type InboxRow = {
  id: number;
  channel_id: number;
  platform: string;
  handle: string;
  channel_name: string;
  school_id: number | null;
  school: string | null;
  kind: InboxItemView['kind'];
  received_at: string;
  summary: string;
  author_handle: string | null;
  due_on: string;
  late_from: string;
  warnings: string;
  responded_at: string | null;
  response_how: InboxItemView['how'];
  school_days_taken: number | null;
  dsl_alerted_at: string | null;
};

/**
 * Where an item stands on `today` (a London date). Open until the day before it is due; due
 * soon on the day before and on the due date, and on any non-school days straight after it (a
 * reply then still took 5 school days); overdue from lateFrom, the next school day. A response
 * is late when it was sent on or after lateFrom, which is when it took more than 5 school days.
 */
export function inboxStatus(row: Pick<InboxRow, 'due_on' | 'late_from' | 'responded_at'>, today: string): InboxStatus {
  if (row.responded_at !== null) return londonDate(row.responded_at) >= row.late_from ? 'responded-late' : 'responded';
  if (today >= row.late_from) return 'overdue';
  if (today >= addDays(row.due_on, -1)) return 'due-soon';
  return 'open';
}

export function toInboxView(row: InboxRow, today: string): InboxItemView {
  return {
    id: row.id,
    channel: channelLabel(row),
    channelName: row.channel_name,
    school: row.school,
    kind: row.kind,
    receivedAt: row.received_at,
    summary: row.summary,
    from: row.author_handle,
    dueOn: row.due_on,
    lateFrom: row.late_from,
    status: inboxStatus(row, today),
    respondedAt: row.responded_at,
    how: row.response_how,
    schoolDaysTaken: row.school_days_taken,
    dslAlertedAt: row.dsl_alerted_at,
    warnings: JSON.parse(row.warnings) as string[],
  };
}

export async function inboxRowById(db: Db, id: number): Promise<InboxRow> {
  const row = await db.first(inboxQuery().where('inbox_items.id', '=', id));
  if (row === undefined) throw new CoreError('not_found', `No inbox item has the id ${id}.`, 'id');
  return row;
}

/** Unanswered items due on or before `dueBy`: the candidates for the due-soon and overdue lists. */
export async function openRowsDueBy(db: Db, dueBy: string): Promise<InboxRow[]> {
  return db.all(inboxQuery().where('inbox_items.responded_at', 'is', null).where('inbox_items.due_on', '<=', dueBy).orderBy('inbox_items.due_on').orderBy('inbox_items.id'));
}

/** workSchoolId: an operator at a school sees that school's items and the trust channels' (null: all). */
export async function inboxRows(db: Db, filter: { openOnly: boolean; channelId?: number; workSchoolId: number | null }): Promise<InboxRow[]> {
  let query = inboxQuery();
  if (filter.openOnly) query = query.where('inbox_items.responded_at', 'is', null);
  if (filter.channelId !== undefined) query = query.where('inbox_items.channel_id', '=', filter.channelId);
  const school = filter.workSchoolId;
  if (school !== null) query = query.where((eb) => eb.or([eb('channels.school_id', '=', school), eb('channels.school_id', 'is', null)]));
  return db.all(query.orderBy('inbox_items.due_on').orderBy('inbox_items.id'));
}
