import type { ComplianceRule, Finding, Severity } from '../compliance-finding';
import { addDays, formatWeekdayDate } from '../compliance-dates';
import { indexSnapshot } from '../compliance-index';
import { countOf, listOf } from '../compliance-words';
import { policySentences } from '../policy-sentences';

export const MONITORING_WINDOW_DAYS = 7;

/**
 * The days the rule looks at: the 7 days ending today. A check today counts, but today is not
 * yet missed when nobody has checked: a check-in may still come this evening, and flagging it
 * at 9am would be noise. Every calendar day counts, weekends and holidays included, as the
 * policy says. The core passes the check-ins from `from` to `to` inclusive.
 */
export function monitoringWindow(today: string): { from: string; to: string; days: string[] } {
  const days: string[] = [];
  for (let back = MONITORING_WINDOW_DAYS - 1; back >= 0; back -= 1) days.push(addDays(today, -back));
  return { from: days[0] ?? today, to: today, days };
}

/**
 * The days of `days` (in order) that count for a channel: none before it was added to
 * Custodian, which were nobody's to record here, unless someone recorded a check on one (a
 * trust that moves in may enter the checks it kept before). The coverage report starts from
 * the same monitoringStart, so the two never count differently.
 */
export function monitoredDays(days: readonly string[], addedOn: string, checked: ReadonlySet<string> | undefined): string[] {
  const start = monitoringStart(addedOn, checked);
  return days.filter((day) => day >= start);
}

/** The first day monitoring counts for a channel: the day it was added, or an earlier recorded check. */
export function monitoringStart(addedOn: string, checked: ReadonlySet<string> | undefined): string {
  let start = addedOn;
  for (const day of checked ?? []) if (day < start) start = day;
  return start;
}

export const monitoringCoverageRule: ComplianceRule = {
  id: 'monitoring-coverage',
  title: 'Every account is checked every day',
  source: 'policy',
  policy: policySentences.monitoring,
  evaluate(snapshot, profile, today) {
    const index = indexSnapshot(snapshot);
    const { days } = monitoringWindow(today);
    const checked = new Map<number, Set<string>>();
    for (const checkIn of snapshot.monitoring) {
      let dates = checked.get(checkIn.channelId);
      if (dates === undefined) {
        dates = new Set();
        checked.set(checkIn.channelId, dates);
      }
      dates.add(checkIn.date);
    }
    // A profile of fewer than 7 days a week allows that many unchecked days before it counts.
    const allowed = MONITORING_WINDOW_DAYS - profile.monitoringDaysPerWeek;
    const findings: Finding[] = [];
    for (const channel of snapshot.channels) {
      const dates = checked.get(channel.id);
      const counted = monitoredDays(days, channel.addedOn, dates);
      const missed = counted.filter((day) => day !== today && (dates === undefined || !dates.has(day)));
      if (missed.length <= allowed) continue;
      const none = dates === undefined || !counted.some((day) => dates.has(day));
      const since = counted.length < days.length ? `since it was added on ${formatWeekdayDate(channel.addedOn)}` : `in the last ${MONITORING_WINDOW_DAYS} days`;
      const severity: Severity = none ? 'high' : missed.length >= 3 ? 'medium' : 'low';
      const subject = index.channelSubject(channel.id);
      findings.push({
        ruleId: 'monitoring-coverage',
        severity,
        subject,
        message:
          none
            ? `Nobody recorded checking ${subject.name} ${since}.`
            : `Nobody recorded checking ${subject.name} on ${countOf(missed.length, 'day')} of the last ${counted.length}: ${listOf(missed.map(formatWeekdayDate), MONITORING_WINDOW_DAYS)}.`,
        fix:
          profile.monitoringDaysPerWeek === 7
            ? 'Arrange cover so someone checks the account every day, including weekends and holidays, and records each check.'
            : `Arrange cover so someone checks the account at least ${profile.monitoringDaysPerWeek} days a week, including holidays, and records each check.`,
      });
    }
    return findings;
  },
};
