import type { NotificationView } from '../../../shared/contract/views';
import type { ConsoleRole } from '../../../shared/domain/enums';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

export type NotificationKind = NotificationView['kind'];

/**
 * Notices for administrators and auditors only (a restore of the vault): other operators neither
 * see them nor mark them read, so one stays until someone responsible for the trail has read it.
 */
const OVERSIGHT_KINDS: readonly NotificationKind[] = ['vault-restored'];

/** Whether an operator with this console role sees the oversight notices. */
export function seesOversightNotices(consoleRole: ConsoleRole): boolean {
  return consoleRole === 'admin' || consoleRole === 'auditor';
}

export interface NewNotification {
  kind: NotificationKind;
  /** What it is about, e.g. 'inbox:12'. */
  subject: string;
  /** The owning school, so an SLT auditor sees their own school's notices only; null for the trust's. */
  schoolId: number | null;
  /** A sentence for people: names the channel and the dates, never a message's text. */
  message: string;
  at: string;
}

/**
 * Adds a notification unless one of the same kind about the same subject exists (the table's
 * UNIQUE (subject, kind)), so a sweep can run any number of times. True when one was added.
 */
export async function addNotification(db: Db, notice: NewNotification): Promise<boolean> {
  return (await db.run(insertNotification(notice))).changes > 0;
}

function insertNotification(notice: NewNotification) {
  return qb
    .insertInto('notifications')
    .values({ created_at: notice.at, kind: notice.kind, subject: notice.subject, school_id: notice.schoolId, message: notice.message, read_at: null })
    .onConflict((oc) => oc.columns(['subject', 'kind']).doNothing());
}

/**
 * Newest first. `workSchoolId` limits the list to that school's notices and the trust's (an
 * operator at a school); `oversight` false leaves out the notices for administrators and auditors.
 */
export async function listNotifications(db: Db, options: { unreadOnly: boolean; workSchoolId: number | null; oversight: boolean }): Promise<NotificationView[]> {
  let query = qb
    .selectFrom('notifications')
    .leftJoin('schools', 'schools.id', 'notifications.school_id')
    .select([
      'notifications.id',
      'notifications.created_at',
      'notifications.kind',
      'notifications.subject',
      'schools.code as school',
      'notifications.message',
      'notifications.read_at',
    ]);
  if (options.unreadOnly) query = query.where('notifications.read_at', 'is', null);
  if (!options.oversight) query = query.where('notifications.kind', 'not in', OVERSIGHT_KINDS);
  const school = options.workSchoolId;
  if (school !== null) query = query.where((eb) => eb.or([eb('notifications.school_id', '=', school), eb('notifications.school_id', 'is', null)]));
  return (await db.all(query.orderBy('notifications.created_at', 'desc').orderBy('notifications.id', 'desc'))).map((row) => ({
    id: row.id,
    createdAt: row.created_at,
    kind: row.kind,
    subject: row.subject,
    school: row.school,
    message: row.message,
    readAt: row.read_at,
  }));
}
