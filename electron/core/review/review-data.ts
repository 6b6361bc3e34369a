import { londonDate } from '../../../shared/calendar/london-date';
import { rulesById } from '../../../shared/compliance/rules';
import { policyReviewDue } from '../../../shared/compliance/rules/policy-review.rule';
import type { RuleId } from '../../../shared/compliance/compliance-finding';
import { channelLabel, listChannels } from '../channels/channels.repo';
import { complianceFor } from '../compliance/compliance.handlers';
import { loadPolicyProfile } from '../compliance/policy-profile.repo';
import { nameAsWere } from '../audit/audit-names.repo';
import { readNamesAsWere } from '../audit/names-as-were.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import type { Operator } from '../handler-types';
import { inboxQuery, inboxStatus } from '../inbox/inbox.repo';
import { listIncidents } from '../incidents/incidents.repo';
import { coverage } from '../monitoring/monitoring.repo';
import { listTraining } from '../training/training.repo';
import { REVIEW_SCHEMA_VERSION, type ReviewData, type ReviewInboxItem, type UseCounts } from './review-model';
import { monthsOf, type ReviewPeriod } from './review-period';

export interface ReviewScope {
  /** The school a pack is for; null for the whole trust. */
  school: { id: number; code: string; name: string } | null;
  period: ReviewPeriod;
  operator: Operator;
  /** The London date of the export. */
  today: string;
  generatedAt: string;
  auditHead: { seq: number; hash: string } | null;
  fingerprint: string;
}

/** The credential uses the register governs (the scheduler's own token use is publishing, not a person's use). */
const USES = { 'secret.reveal': 'reveal', 'secret.copy': 'copy', 'totp.code': 'totp' } as const;

/**
 * Gathers the period's data for the whole trust or one school: the one source the PDF, the
 * workbook and the JSON are written from. It only reads, and reads only metadata: no secret
 * value is in the database to begin with, and the keychain is never opened here. It awaits
 * only the Db, so it can run inside the export's snapshot.
 */
export async function gatherReviewData(db: Db, scope: ReviewScope): Promise<ReviewData> {
  const { period, school } = scope;
  const inPeriod = (at: string | null): at is string => at !== null && at >= period.startInstant && at < period.endInstant;
  // Audit-based sections stop at the head the manifest names, so they match audit.csv.
  const lastSeq = scope.auditHead?.seq ?? 0;

  const channels = (await listChannels(db)).filter((c) => school === null || c.school === school.code);
  const channelIds = new Set(channels.map((c) => c.id));
  const labelOf = new Map(channels.map((c) => [c.id, channelLabel(c)]));
  const people = new Map((await db.all(qb.selectFrom('people').select(['id', 'name', 'email']))).map((p) => [p.id, p]));

  const grants = (
    await db.all(qb.selectFrom('access_grants').select(['id', 'channel_id', 'person_id', 'granted_by', 'granted_at', 'revoked_by', 'revoked_at', 'revoke_reason']))
  ).filter((g) => channelIds.has(g.channel_id));
  const holdingAtEnd = grants.filter((g) => g.granted_at < period.endInstant && (g.revoked_at === null || g.revoked_at >= period.endInstant));
  const access: ReviewData['access'] = {
    atEnd: holdingAtEnd
      .map((g) => ({
        channel: labelOf.get(g.channel_id) ?? '',
        holderName: people.get(g.person_id)?.name ?? '',
        holderEmail: people.get(g.person_id)?.email ?? '',
        grantedAt: g.granted_at,
        grantedBy: people.get(g.granted_by)?.email ?? '',
      }))
      .sort((a, b) => a.channel.localeCompare(b.channel) || a.holderEmail.localeCompare(b.holderEmail)),
    changes: [
      ...grants.filter((g) => inPeriod(g.granted_at)).map((g) => ({ at: g.granted_at, change: 'granted' as const, g, by: g.granted_by, reason: null })),
      ...grants.filter((g) => inPeriod(g.revoked_at)).map((g) => ({ at: g.revoked_at as string, change: 'revoked' as const, g, by: g.revoked_by, reason: g.revoke_reason })),
    ]
      .sort((a, b) => a.at.localeCompare(b.at) || a.g.id - b.g.id)
      .map(({ at, change, g, by, reason }) => ({
        at,
        change,
        channel: labelOf.get(g.channel_id) ?? '',
        holderName: people.get(g.person_id)?.name ?? '',
        holderEmail: people.get(g.person_id)?.email ?? '',
        by: by === null ? null : (people.get(by)?.email ?? null),
        reason,
      })),
  };

  const auditInPeriod = (actions: string[]) => {
    let query = qb
      .selectFrom('audit_events')
      .where('action', 'in', actions)
      .where('at', '>=', period.startInstant)
      .where('at', '<', period.endInstant)
      .where('seq', '<=', lastSeq);
    if (school !== null) query = query.where('channel_id', 'in', channelIds.size > 0 ? [...channelIds] : [-1]);
    return query;
  };

  const useRows = await db.all(
    auditInPeriod(Object.keys(USES))
      .select((eb) => ['channel_id', 'actor_id', 'version', 'actor_commit', 'action', 'outcome', eb.fn.countAll<number>().as('n')])
      .groupBy(['channel_id', 'actor_id', 'version', 'actor_commit', 'action', 'outcome']),
  );
  // People as the events name them: v2 events through their commitments (as they were), v1 by today's row.
  const asWere = await readNamesAsWere(db, useRows.map((row) => row.actor_commit));
  const personAsWere = (version: number, actorId: number | null, commitment: string | null) => {
    const today = actorId === null ? undefined : people.get(actorId);
    return nameAsWere(version, commitment, asWere, today === undefined ? null : { label: today.email, name: today.name });
  };
  const byChannel = new Map<number, UseCounts>();
  const byPerson = new Map<string, UseCounts & { name: string; email: string }>();
  const bump = <K>(map: Map<K, UseCounts>, key: K, kind: 'reveal' | 'copy' | 'totp', n: number) => {
    const counts = map.get(key) ?? { reveal: 0, copy: 0, totp: 0, total: 0 };
    counts[kind] += n;
    counts.total += n;
    map.set(key, counts);
  };
  let denied = 0;
  for (const row of useRows) {
    const n = Number(row.n);
    if (row.outcome === 'denied') denied += n;
    if (row.outcome !== 'ok' || row.channel_id === null || row.actor_id === null) continue;
    const kind = USES[row.action as keyof typeof USES];
    bump(byChannel, row.channel_id, kind, n);
    const person = personAsWere(row.version, row.actor_id, row.actor_commit);
    const key = JSON.stringify([person?.label ?? '', person?.name ?? '']);
    if (!byPerson.has(key)) byPerson.set(key, { name: person?.name ?? '', email: person?.label ?? '', reveal: 0, copy: 0, totp: 0, total: 0 });
    bump(byPerson, key, kind, n);
  }
  const credentialUse: ReviewData['credentialUse'] = {
    total: [...byChannel.values()].reduce((sum, c) => sum + c.total, 0),
    denied,
    byChannel: channels.map((c) => ({ channel: channelLabel(c), ...(byChannel.get(c.id) ?? { reveal: 0, copy: 0, totp: 0, total: 0 }) })),
    byPerson: [...byPerson.values()]
      .sort((a, b) => b.total - a.total || a.email.localeCompare(b.email)),
  };

  const rotationRows = await db.all(
    auditInPeriod(['secret.rotate']).where('outcome', '=', 'ok').select(['at', 'channel_id', 'actor_id', 'version', 'actor_commit', 'details']).orderBy('at').orderBy('seq'),
  );
  for (const [commitment, names] of await readNamesAsWere(db, rotationRows.map((r) => r.actor_commit))) asWere.set(commitment, names);
  const rotations = rotationRows
    .map((r) => ({
      at: r.at,
      channel: r.channel_id === null ? '' : (labelOf.get(r.channel_id) ?? ''),
      kind: String((JSON.parse(r.details) as { kind?: unknown }).kind ?? ''),
      by: personAsWere(r.version, r.actor_id, r.actor_commit)?.label ?? null,
    }));

  // A school's pack: its own people, and anyone who held one of its channels during the period.
  const holderIds = new Set(grants.filter((g) => g.granted_at < period.endInstant && (g.revoked_at === null || g.revoked_at >= period.startInstant)).map((g) => g.person_id));
  const holderEmails = new Set([...holderIds].map((id) => people.get(id)?.email));
  const training = (await listTraining(db, period.to))
    .filter((t) => t.trainedOn >= period.from && t.trainedOn <= period.to)
    .filter((t) => school === null || t.school === school.code || holderEmails.has(t.personEmail))
    .map((t) => ({
      personName: t.personName,
      personEmail: t.personEmail,
      school: t.school,
      trainedOn: t.trainedOn,
      trainer: t.trainerEmail,
      expiresOn: t.expiresOn,
      inDateAtEnd: t.inDate,
    }));

  const endDay = period.to < scope.today ? period.to : scope.today;
  const inboxRows = await db.all(inboxQuery().where('inbox_items.received_at', '>=', period.startInstant).where('inbox_items.received_at', '<', period.endInstant).orderBy('inbox_items.received_at').orderBy('inbox_items.id'));
  const items: ReviewInboxItem[] = inboxRows
    .filter((row) => channelIds.has(row.channel_id))
    .map((row) => {
      const status = inboxStatus(row, endDay);
      const standing = status === 'responded' ? 'on time' : status === 'responded-late' ? 'late' : status === 'overdue' ? 'overdue' : 'open';
      return {
        id: row.id,
        channel: channelLabel(row),
        kind: row.kind,
        receivedAt: row.received_at,
        dueOn: row.due_on,
        respondedAt: row.responded_at,
        schoolDaysTaken: row.school_days_taken,
        standing,
      };
    });
  const inbox: ReviewData['inbox'] = {
    items,
    total: items.length,
    responded: items.filter((i) => i.respondedAt !== null).length,
    onTime: items.filter((i) => i.standing === 'on time').length,
    breaches: items.filter((i) => i.standing === 'late' || i.standing === 'overdue').length,
    open: items.filter((i) => i.standing === 'open').length,
  };

  const covered = await coverage(db, channels, { from: period.from, to: period.to }, scope.today);
  const weeks = new Map<string, { weekStarting: string; checked: number; days: number }>();
  for (const channel of covered.channels) {
    for (const week of channel.weeks) {
      const total = weeks.get(week.weekStarting) ?? { weekStarting: week.weekStarting, checked: 0, days: 0 };
      total.checked += week.checked;
      total.days += week.days;
      weeks.set(week.weekStarting, total);
    }
  }

  // A school's pack: that school's incidents only (not the trust channels' an operator there also works on).
  const incidentItems = (await listIncidents(db, { workSchoolId: school?.id ?? null }))
    .filter((i) => school === null || i.school === school.code)
    .filter((i) => i.openedAt < period.endInstant && (i.closedAt === null || i.closedAt >= period.startInstant))
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt) || a.id - b.id)
    .map((i) => ({
      id: i.id,
      channel: i.channel,
      kind: i.kind,
      openedAt: i.openedAt,
      closedAt: i.closedAt,
      actions: i.actions.map((a) => a.action),
      escalations: i.escalations.map((e) => ({ to: e.to, at: e.at })),
      audienceTold: i.audienceTold,
    }));

  const months = monthsOf(period);
  const published = await db.all(
    qb
      .selectFrom('post_targets')
      .select(['channel_id', 'published_at'])
      .where('state', '=', 'published')
      .where('published_at', '>=', period.startInstant)
      .where('published_at', '<', period.endInstant),
  );
  const perChannel = new Map<number, number[]>();
  for (const row of published) {
    if (!channelIds.has(row.channel_id) || row.published_at === null) continue;
    const month = months.indexOf(londonDate(row.published_at).slice(0, 7));
    if (month < 0) continue;
    const counts = perChannel.get(row.channel_id) ?? months.map(() => 0);
    counts[month] = (counts[month] ?? 0) + 1;
    perChannel.set(row.channel_id, counts);
  }
  const postsByChannel = channels.map((c) => {
    const perMonth = perChannel.get(c.id) ?? months.map(() => 0);
    return { channel: channelLabel(c), perMonth, total: perMonth.reduce((a, b) => a + b, 0) };
  });

  return {
    schemaVersion: REVIEW_SCHEMA_VERSION,
    trust: (await db.first(qb.selectFrom('trust').select('name')))?.name ?? '',
    school: school === null ? null : { code: school.code, name: school.name },
    period: { from: period.from, to: period.to },
    generated: { at: scope.generatedAt, byName: scope.operator.name, byEmail: scope.operator.email },
    auditHead: scope.auditHead,
    signingKeyFingerprint: scope.fingerprint,
    policy: await policySection(db, period),
    compliance: await complianceSection(db, scope),
    channels: channels.map((c) => ({
      label: channelLabel(c),
      platform: c.platform,
      handle: c.handle,
      name: c.name,
      school: c.school,
      purpose: c.purpose,
      twoFactor: c.twoFactor,
      registrationEmail: c.registrationEmail,
      mailboxDedicated: c.mailboxDedicated,
    })),
    access,
    credentialUse,
    rotations,
    training,
    inbox,
    monitoring: {
      weeks: [...weeks.values()].sort((a, b) => a.weekStarting.localeCompare(b.weekStarting)),
      channels: covered.channels.map((c) => ({ channel: c.channel, checkedDays: c.checkedDays, totalDays: c.totalDays })),
    },
    incidents: { items: incidentItems, escalations: incidentItems.reduce((sum, i) => sum + i.escalations.length, 0) },
    posts: { months, byChannel: postsByChannel, total: postsByChannel.reduce((sum, c) => sum + c.total, 0) },
  };
}

async function policySection(db: Db, period: ReviewPeriod): Promise<ReviewData['policy']> {
  const { profile } = await loadPolicyProfile(db);
  const reviews = (
    await db.all(qb.selectFrom('policy_reviews').select(['reviewed_on', 'reviewed_by', 'outcome', 'next_review_on']).orderBy('reviewed_on').orderBy('id'))
  ).map((r) => ({ reviewedOn: r.reviewed_on, reviewedBy: r.reviewed_by, outcome: r.outcome, nextReviewOn: r.next_review_on }));
  const { due } = policyReviewDue(reviews, profile);
  return {
    profileReviewDate: profile.policyReviewDate,
    lastReview: reviews.at(-1) ?? null,
    reviewsInPeriod: reviews.filter((r) => r.reviewedOn >= period.from && r.reviewedOn <= period.to),
    nextReviewOn: due,
  };
}

/** Today's findings (the rules read the register as it is now), for the school when the pack is one school's. */
async function complianceSection(db: Db, scope: ReviewScope): Promise<ReviewData['compliance']> {
  const operator: Operator =
    scope.school === null ? { ...scope.operator, schoolScope: null, schoolScopeId: null } : { ...scope.operator, schoolScope: scope.school.code, schoolScopeId: scope.school.id };
  const report = await complianceFor(db, operator, scope.today);
  return {
    asOf: scope.today,
    counts: report.counts,
    findings: report.findings.map((f) => ({
      severity: f.severity,
      rule: rulesById.get(f.ruleId as RuleId)?.title ?? f.ruleId,
      subject: f.subject.name,
      message: f.message,
    })),
  };
}

