import { addDays } from '../../../shared/calendar/iso-date';
import { londonDate } from '../../../shared/calendar/london-date';
import { requireMayWorkOn, workedOn } from '../access/school-scope';
import { listChannels, resolveChannel } from '../channels/channels.repo';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { instant, notInFuture } from '../inbox/when';
import { checkById, coverage, spanDays } from './monitoring.repo';
import { londonToday } from '../clock';

/** The longest report: a year, leap day included. */
const MAX_COVERAGE_DAYS = 366;

export const monitoringHandlers: HandlerMap<'monitor.check' | 'monitor.coverage'> = {
  'monitor.check': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const now = vault.clock.now();
      const at = input.at === undefined ? { iso: now.toISOString(), ms: now.getTime() } : instant(input.at, 'at');
      notInFuture(at, now, 'The time of the check is in the future: record a check once it has been done.', 'at');
      const channel = await resolveChannel(data, input.channel);
      requireMayWorkOn(operator, channel.school_id, 'channel');
      const checkedOn = londonDate(at.ms);
      const note = input.note === undefined || input.note === '' ? null : input.note;
      const row = await data.first(
        qb
          .insertInto('monitoring_checks')
          .values({ channel_id: channel.id, checked_on: checkedOn, checked_at: at.iso, checked_by: operator.personId, note })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      // Whether something was noted, not what: a note may name people.
      await vault.audit.append({
        actorId: operator.personId,
        action: 'monitor.check',
        target: `monitor:${row.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome: 'ok',
        details: { checkedOn, noted: note !== null },
      });
      return checkById(data, row.id);
    });
  },

  'monitor.coverage': async ({ vault, operator }, input) => {
    const today = londonToday(vault.clock);
    // By default the last 7 London days, ending today.
    const to = input.to ?? today;
    const from = input.from ?? addDays(to, -6);
    if (from > to) {
      throw new CoreError('invalid_input', `The start date (${from}) is after the end date (${to}${input.to === undefined ? ', today' : ''}).`, 'from');
    }
    if (spanDays(from, to) > MAX_COVERAGE_DAYS) {
      throw new CoreError('invalid_input', `A coverage report spans at most ${MAX_COVERAGE_DAYS} days; ${from} to ${to} is ${spanDays(from, to)}.`, 'from');
    }
    // An operator at a school sees that school's channels and the trust's.
    const channels = workedOn(operator, await listChannels(vault.data));
    return coverage(vault.data, channels, { from, to }, today);
  },
};
