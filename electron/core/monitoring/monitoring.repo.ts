import { addDays, daysBetween, weekday } from '../../../shared/calendar/iso-date';
import { londonDate } from '../../../shared/calendar/london-date';
import { monitoringStart } from '../../../shared/compliance/rules/monitoring-coverage.rule';
import type { CheckView, CoverageView } from '../../../shared/contract/views';
import { channelLabel } from '../channels/channels.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';

export async function checkById(db: Db, id: number): Promise<CheckView> {
  const row = await db.first(
    qb
      .selectFrom('monitoring_checks')
      .innerJoin('channels', 'channels.id', 'monitoring_checks.channel_id')
      .leftJoin('schools', 'schools.id', 'channels.school_id')
      .innerJoin('people', 'people.id', 'monitoring_checks.checked_by')
      .select([
        'monitoring_checks.id',
        'channels.platform',
        'channels.handle',
        'channels.name as channel_name',
        'schools.code as school',
        'monitoring_checks.checked_on',
        'monitoring_checks.checked_at',
        'people.email',
        'people.name as person_name',
        'monitoring_checks.note',
      ])
      .where('monitoring_checks.id', '=', id),
  );
  if (row === undefined) throw new CoreError('not_found', `No monitoring check-in has the id ${id}.`);
  return {
    id: row.id,
    channel: channelLabel(row),
    channelName: row.channel_name,
    school: row.school,
    checkedOn: row.checked_on,
    checkedAt: row.checked_at,
    checkedBy: row.email,
    checkedByName: row.person_name,
    note: row.note,
  };
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekday(date) + 6) % 7));
}

interface CoverageChannel {
  id: number;
  platform: string;
  handle: string;
  name: string;
  school: string | null;
}

/**
 * Coverage of every channel over from..to, both ends included: every calendar day counts
 * (the policy asks for monitoring 7 days a week, holidays included), and a day counts as
 * checked when anyone checked that channel on it. Days after `today` have not happened yet,
 * and days before the channel was added to Custodian were nobody's to record here: they are
 * neither checked nor missed.
 */
export async function coverage(db: Db, channels: readonly CoverageChannel[], range: { from: string; to: string }, today: string): Promise<CoverageView> {
  const last = range.to < today ? range.to : today;
  const rows = last < range.from ? [] : await db.all(checkedDaysQuery(range.from, last));
  const added = new Map((await db.all(qb.selectFrom('channels').select(['id', 'created_at']))).map((row) => [row.id, londonDate(Date.parse(row.created_at))]));
  return coverageFrom(rows, channels, added, range, last);
}

function checkedDaysQuery(from: string, last: string) {
  return qb.selectFrom('monitoring_checks').select(['channel_id', 'checked_on']).distinct().where('checked_on', '>=', from).where('checked_on', '<=', last);
}

function coverageFrom(
  rows: readonly { channel_id: number; checked_on: string }[],
  channels: readonly CoverageChannel[],
  added: ReadonlyMap<number, string>,
  range: { from: string; to: string },
  last: string,
): CoverageView {
  const days: string[] = [];
  for (let d = range.from; d <= last; d = addDays(d, 1)) days.push(d);
  const checked = new Map<number, Set<string>>();
  for (const row of rows) {
    const set = checked.get(row.channel_id) ?? new Set<string>();
    set.add(row.checked_on);
    checked.set(row.channel_id, set);
  }
  return {
    from: range.from,
    to: range.to,
    channels: channels.map((channel) => {
      const seen = checked.get(channel.id) ?? new Set<string>();
      const weeks = new Map<string, { weekStarting: string; checked: number; days: number }>();
      const missedDays: string[] = [];
      const start = monitoringStart(added.get(channel.id) ?? range.from, seen);
      const counted = days.filter((day) => day >= start);
      for (const day of counted) {
        const monday = mondayOf(day);
        const week = weeks.get(monday) ?? { weekStarting: monday, checked: 0, days: 0 };
        week.days += 1;
        if (seen.has(day)) week.checked += 1;
        else missedDays.push(day);
        weeks.set(monday, week);
      }
      return {
        channel: channelLabel(channel),
        channelName: channel.name,
        school: channel.school,
        countedFrom: start > range.from ? start : range.from,
        checkedDays: counted.length - missedDays.length,
        totalDays: counted.length,
        missedDays,
        weeks: [...weeks.values()],
      };
    }),
  };
}

/** The span of a coverage report, both ends included. */
export function spanDays(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}
