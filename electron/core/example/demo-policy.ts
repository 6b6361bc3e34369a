import { responseDueDate, schoolDaysTaken } from '../../../shared/calendar/response-times';
import { londonDate } from '../../../shared/calendar/london-date';
import { addDays } from '../../../shared/calendar/iso-date';
import { calendarFor } from '../calendar/calendar.repo';
import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';

const DAY = 86_400_000;
const DEMO_NOTE = 'Demo training';

/** Fictional, and free of personal details, as real summaries should be. */
const INBOX = [
  { kind: 'query', summary: 'Parent asking when the sports day photos will be posted', daysAgo: 40, answeredAfterDays: 1 },
  { kind: 'complaint', summary: 'Complaint that a post named the wrong date for parents evening', daysAgo: 30, answeredAfterDays: 20 },
  { kind: 'comment', summary: 'Former pupil thanking staff for the leavers assembly', daysAgo: 3, answeredAfterDays: null },
  { kind: 'concern', summary: 'Concern about an unkind reply under the trip photos', daysAgo: 20, answeredAfterDays: null },
] as const;

/**
 * The policy side of the demo: training for the posters (one lapsed), two weeks of daily
 * monitoring with the odd missed weekend, and a handful of inbox items (answered in time,
 * answered late, open, overdue), so the compliance report has something true to say.
 */
export async function buildDemoPolicyRecords(vault: Vault, adminId: number): Promise<{ training: number; checks: number; inbox: number }> {
  const { data: db } = vault;
  // Loading the demo twice adds nothing the second time.
  if ((await db.first(qb.selectFrom('training_records').select('id').where('note', '=', DEMO_NOTE))) !== undefined) return { training: 0, checks: 0, inbox: 0 };
  const now = vault.clock.now();
  const today = londonDate(now.getTime());
  const operators = await db.all(
    qb
      .selectFrom('operators as o')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .select(['p.id', 'o.console_role'])
      .where('p.email', 'like', '%@demo.pendle-trust.example')
      .where('p.left_on', 'is', null)
      .orderBy('p.id'),
  );
  let training = 0;
  for (const [index, operator] of operators.entries()) {
    // Every third trained over a year ago: the report flags their refresher.
    const trainedOn = addDays(today, index % 3 === 2 ? -400 : -30 - index * 7);
    await db.run(qb.insertInto('training_records').values({ person_id: operator.id, trained_on: trainedOn, trainer_id: adminId, note: DEMO_NOTE, recorded_by: adminId, recorded_at: now.toISOString() }));
    await vault.audit.append({ actorId: adminId, action: 'training.record', target: `person:${operator.id}`, outcome: 'ok', details: { trainedOn, demo: true } });
    training += 1;
  }

  const channels = await db.all(qb.selectFrom('channels').select(['id', 'school_id']).orderBy('id'));
  const checker = operators[0]?.id ?? adminId;
  let checks = 0;
  for (const channel of channels) {
    for (let back = 14; back >= 1; back -= 1) {
      const at = new Date(now.getTime() - back * DAY);
      const weekend = at.getUTCDay() === 0 || at.getUTCDay() === 6;
      // School channels miss some weekend checks; the trust's own are covered every day.
      if (channel.school_id !== null && weekend && (channel.id + back) % 3 === 0) continue;
      await db.run(qb.insertInto('monitoring_checks').values({ channel_id: channel.id, checked_on: londonDate(at.getTime()), checked_at: at.toISOString(), checked_by: checker, note: null }));
      checks += 1;
    }
  }
  await vault.audit.append({ actorId: adminId, action: 'monitor.check', outcome: 'ok', details: { demo: true, checks } });

  let inbox = 0;
  for (const [index, item] of INBOX.entries()) {
    const channel = channels[(index * 4 + 1) % channels.length];
    if (channel === undefined) continue;
    const received = new Date(now.getTime() - item.daysAgo * DAY);
    received.setUTCHours(15, 0, 0, 0);
    const calendar = await calendarFor(db, channel.school_id);
    const due = responseDueDate(calendar, received.toISOString());
    const responded = item.answeredAfterDays === null ? null : new Date(received.getTime() + item.answeredAfterDays * DAY);
    await db.run(
      qb.insertInto('inbox_items').values({
        channel_id: channel.id,
        kind: item.kind,
        received_at: received.toISOString(),
        summary: item.summary,
        author_handle: null,
        due_on: due.due,
        late_from: due.lateFrom,
        warnings: '[]',
        logged_by: adminId,
        logged_at: received.toISOString(),
        responded_at: responded?.toISOString() ?? null,
        response_how: responded === null ? null : 'answered',
        response_note: null,
        responded_by: responded === null ? null : adminId,
        school_days_taken: responded === null ? null : schoolDaysTaken(calendar, received.toISOString(), responded.toISOString()).days,
        dsl_alerted_at: null,
      }),
    );
    await vault.audit.append({ actorId: adminId, action: 'inbox.add', channelId: channel.id, schoolId: channel.school_id, outcome: 'ok', details: { kind: item.kind, due: due.due, demo: true } });
    inbox += 1;
  }
  return { training, checks, inbox };
}
