import { addDays } from '../../../shared/calendar/iso-date';
import { londonDate } from '../../../shared/calendar/london-date';
import { responseDueDate, schoolDaysTaken } from '../../../shared/calendar/response-times';
import { formatLongDate } from '../../../shared/compliance/compliance-dates';
import { inboxKindWords } from '../../../shared/compliance/compliance-inbox';
import type { InboxItemView } from '../../../shared/contract/views';
import { requireMayWorkOn } from '../access/school-scope';
import { calendarFor } from '../calendar/calendar.repo';
import { channelLabel, resolveChannel } from '../channels/channels.repo';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap } from '../handler-types';
import { addNotification } from '../notifications/notifications.repo';
import { inboxRowById, inboxRows, openRowsDueBy, toInboxView, type InboxRow } from './inbox.repo';
import { instant, notInFuture } from './when';
import { loadPolicyProfile } from '../compliance/policy-profile.repo';

const todayIn = (now: Date) => londonDate(now.getTime());

/** 'A complaint received on 23 October 2026 through x:@SHINEatPPA': never the message's text. */
function describe(row: InboxRow): string {
  return `A ${inboxKindWords[row.kind]} received on ${formatLongDate(londonDate(row.received_at))} through ${channelLabel(row)}`;
}

/** Overdue first, then by due date (then the order they were logged). */
function byUrgency(a: InboxItemView, b: InboxItemView): number {
  const overdue = Number(b.status === 'overdue') - Number(a.status === 'overdue');
  if (overdue !== 0) return overdue;
  return a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id - b.id;
}

export const inboxHandlers: HandlerMap<'inbox.add' | 'inbox.list' | 'inbox.respond' | 'inbox.notify'> = {
  'inbox.add': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const now = vault.clock.now();
      const received = instant(input.received, 'received');
      notInFuture(received, now, 'The time it was received is in the future: log a message once it has arrived, with the time it came in.', 'received');
      const channel = await resolveChannel(data, input.channel);
      requireMayWorkOn(operator, channel.school_id, 'channel');
      // The owning school's calendar (the trust's for a trust channel), fixed now: a later
      // calendar edit does not move this deadline.
      const due = responseDueDate(await calendarFor(data, channel.school_id), received.iso, (await loadPolicyProfile(data)).profile.responseSchoolDays);
      const pupil = input.kind === 'pupil-contact';
      const row = await data.first(
        qb
          .insertInto('inbox_items')
          .values({
            channel_id: channel.id,
            kind: input.kind,
            received_at: received.iso,
            summary: input.summary,
            author_handle: input.from === undefined || input.from === '' ? null : input.from,
            due_on: due.due,
            late_from: due.lateFrom,
            warnings: JSON.stringify(due.warnings.map((w) => w.message)),
            logged_by: operator.personId,
            logged_at: now.toISOString(),
            responded_at: null,
            response_how: null,
            response_note: null,
            responded_by: null,
            school_days_taken: null,
            // Contact from a pupil is raised with the DSL at once.
            dsl_alerted_at: pupil ? now.toISOString() : null,
          })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      const target = `inbox:${row.id}`;
      // The kind and the deadline only: the summary and the sender are personal data and stay out of the trail.
      await vault.audit.append({
        actorId: operator.personId,
        action: 'inbox.add',
        target,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome: 'ok',
        details: { kind: input.kind, due: due.due },
      });
      const item = await inboxRowById(data, row.id);
      if (pupil) {
        await vault.audit.append({
          actorId: operator.personId,
          action: 'inbox.dsl_alert',
          target,
          channelId: channel.id,
          schoolId: channel.school_id,
          outcome: 'ok',
          details: { kind: input.kind },
        });
        await addNotification(data, {
          kind: 'pupil-contact',
          subject: target,
          schoolId: channel.school_id,
          message: `${describe(item)}: contact from a pupil is a safeguarding matter. Tell the DSL (or a deputy) now.`,
          at: now.toISOString(),
        });
      }
      return toInboxView(item, todayIn(now));
    });
  },

  'inbox.list': async ({ vault, operator }, input) => {
    const { data } = vault;
    const today = todayIn(vault.clock.now());
    let channelId: number | undefined;
    if (input.channel !== undefined) {
      const channel = await resolveChannel(data, input.channel);
      requireMayWorkOn(operator, channel.school_id, 'channel');
      channelId = channel.id;
    }
    const rows = await inboxRows(data, {
      openOnly: input.open === true || input.overdue === true,
      workSchoolId: operator.workSchoolId,
      ...(channelId === undefined ? {} : { channelId }),
    });
    return rows
      .map((row) => toInboxView(row, today))
      .filter((item) => input.overdue !== true || item.status === 'overdue')
      .sort(byUrgency);
  },

  'inbox.respond': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const now = vault.clock.now();
      const item = await inboxRowById(data, input.id);
      // Another school's item is not theirs to answer: its 5-school-day clock is that school's.
      requireMayWorkOn(operator, item.school_id, 'inbox item');
      if (item.responded_at !== null) {
        throw new CoreError(
          'conflict',
          `Inbox item ${item.id} already has a response (${item.response_how ?? 'recorded'} on ${londonDate(item.responded_at)}); a response is recorded once.`,
          'id',
        );
      }
      const at = input.at === undefined ? { iso: now.toISOString(), ms: now.getTime() } : instant(input.at, 'at');
      notInFuture(at, now, 'The time of the response is in the future: record a response once it has been sent.', 'at');
      if (at.ms < Date.parse(item.received_at)) {
        throw new CoreError('invalid_input', `The time of the response is before the item was received (${item.received_at}).`, 'at');
      }
      const taken = schoolDaysTaken(await calendarFor(data, item.school_id), item.received_at, at.iso);
      const warnings = [...new Set([...(JSON.parse(item.warnings) as string[]), ...taken.warnings.map((w) => w.message)])];
      const note = input.note === undefined || input.note === '' ? null : input.note;
      await data.run(
        qb
          .updateTable('inbox_items')
          .set({
            responded_at: at.iso,
            response_how: input.how,
            response_note: note,
            responded_by: operator.personId,
            school_days_taken: taken.days,
            warnings: JSON.stringify(warnings),
          })
          .where('id', '=', item.id),
      );
      const view = toInboxView(await inboxRowById(data, item.id), todayIn(now));
      await vault.audit.append({
        actorId: operator.personId,
        action: 'inbox.respond',
        target: `inbox:${item.id}`,
        channelId: item.channel_id,
        schoolId: item.school_id,
        outcome: 'ok',
        details: { how: input.how, schoolDaysTaken: taken.days, late: view.status === 'responded-late' },
      });
      return view;
    });
  },

  'inbox.notify': ({ vault, operator }) => {
    const { data } = vault;
    return data.transaction(async () => {
      const now = vault.clock.now();
      const today = todayIn(now);
      let dueSoon = 0;
      let overdue = 0;
      // Everything unanswered that is due by tomorrow: due soon, or already late.
      for (const row of await openRowsDueBy(data, addDays(today, 1))) {
        const view = toInboxView(row, today);
        if (view.status !== 'due-soon' && view.status !== 'overdue') continue;
        const late = view.status === 'overdue';
        const added = await addNotification(data, {
          kind: late ? 'inbox-overdue' : 'inbox-due-soon',
          subject: `inbox:${row.id}`,
          schoolId: row.school_id,
          message: late
            ? `${describe(row)} was due a response by ${formatLongDate(row.due_on)} and none is recorded. Respond now, even if only to acknowledge it.`
            : `${describe(row)} is due a response by ${formatLongDate(row.due_on)}.`,
          at: now.toISOString(),
        });
        if (added && late) overdue += 1;
        else if (added) dueSoon += 1;
      }
      const created = dueSoon + overdue;
      // A sweep that finds nothing new changes nothing, so it leaves no event either.
      if (created > 0) {
        await vault.audit.append({ actorId: operator.personId, action: 'inbox.notify', target: null, outcome: 'ok', details: { created, dueSoon, overdue } });
      }
      return { created };
    });
  },
};
