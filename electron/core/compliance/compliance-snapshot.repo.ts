import type { ComplianceSnapshot, InboxKind, SnapshotIncident } from '../../../shared/compliance/compliance-snapshot';
import { monitoringWindow } from '../../../shared/compliance/rules/monitoring-coverage.rule';
import type { ConsoleRole, PersonRole, Platform, TwoFactorState } from '../../../shared/domain/enums';
import { qb, type Sql } from '../db/sql';
import { rotaEntriesSync } from '../monitoring/rota.repo';

/**
 * Reads what the compliance rules look at, as flat rows (shared/compliance/compliance-snapshot.ts):
 * metadata only, never a secret value. One query per table, no per-row queries, so the report
 * stays quick on a large trust.
 */
export function readComplianceSnapshot(sql: Sql, today: string): ComplianceSnapshot {
  const window = monitoringWindow(today);
  return {
    trustName: sql.first(qb.selectFrom('trust').select('name'))?.name ?? '',
    schools: sql.all(qb.selectFrom('schools').select(['id', 'code', 'name'])),
    people: sql
      .all(
        qb
          .selectFrom('people as p')
          .leftJoin('operators as o', 'o.person_id', 'p.id')
          .select(['p.id', 'p.name', 'p.email', 'p.role', 'p.school_id', 'p.left_on', 'o.console_role', 'o.last_signed_in_at']),
      )
      .map((p) => ({
        id: p.id,
        name: p.name,
        email: p.email,
        role: p.role as PersonRole,
        schoolId: p.school_id,
        leftOn: p.left_on,
        consoleRole: (p.console_role ?? null) as ConsoleRole | null,
        lastActiveAt: p.last_signed_in_at ?? null,
      })),
    channels: sql
      .all(
        qb
          .selectFrom('channels as c')
          .leftJoin('secrets as s', (join) => join.onRef('s.channel_id', '=', 'c.id').on('s.kind', '=', 'password'))
          .select([
            'c.id',
            'c.platform',
            'c.handle',
            'c.name',
            'c.school_id',
            'c.registration_email',
            'c.mailbox_dedicated',
            'c.mailbox_access',
            'c.two_factor',
            's.set_at',
            's.rotated_at',
          ]),
      )
      .map((c) => ({
        id: c.id,
        platform: c.platform as Platform,
        handle: c.handle,
        name: c.name,
        schoolId: c.school_id,
        registrationEmail: c.registration_email,
        mailboxDedicated: c.mailbox_dedicated === null ? null : c.mailbox_dedicated === 1,
        mailboxAccess: JSON.parse(c.mailbox_access) as string[],
        twoFactor: c.two_factor as TwoFactorState,
        passwordSetAt: c.set_at ?? null,
        passwordRotatedAt: c.rotated_at ?? null,
      })),
    // The two biggest tables come back already in the snapshot's shape: with 20,000 grants, a
    // second object per row was a tenth of the read, and more for the garbage collector.
    grants: sql.all(qb.selectFrom('access_grants').select(['channel_id as channelId', 'person_id as personId', 'granted_at as grantedAt', 'revoked_at as revokedAt'])),
    training: sql.all(qb.selectFrom('training_records').select(['person_id as personId', 'trained_on as trainedOn', 'trainer_id as trainerId'])),
    inbox: sql
      .all(qb.selectFrom('inbox_items').select(['id', 'channel_id', 'kind', 'received_at', 'due_on', 'late_from', 'responded_at', 'dsl_alerted_at']))
      .map((i) => ({
        id: i.id,
        channelId: i.channel_id,
        kind: i.kind as InboxKind,
        receivedAt: i.received_at,
        dueOn: i.due_on,
        lateFrom: i.late_from,
        respondedAt: i.responded_at,
        dslNotifiedAt: i.dsl_alerted_at,
      })),
    monitoring: sql
      .all(
        qb
          .selectFrom('monitoring_checks')
          .select(['channel_id', 'checked_on'])
          .distinct()
          .where('checked_on', '>=', window.from)
          .where('checked_on', '<=', window.to),
      )
      .map((m) => ({ channelId: m.channel_id, date: m.checked_on })),
    rota: rotaEntriesSync(sql),
    incidents: readIncidents(sql),
    reviews: sql
      .all(qb.selectFrom('policy_reviews').select(['reviewed_on', 'next_review_on']))
      .map((r) => ({ reviewedOn: r.reviewed_on, nextReviewOn: r.next_review_on })),
    recoveryKit: sql.first(qb.selectFrom('recovery_key').select('id')) !== undefined,
  };
}

/** Incidents with who they were escalated to and how much evidence they have: one query per table. */
function readIncidents(sql: Sql): SnapshotIncident[] {
  const escalatedTo = new Map<number, string[]>();
  for (const e of sql.all(qb.selectFrom('incident_escalations').select(['incident_id', 'to_whom']).orderBy('at').orderBy('id'))) {
    const list = escalatedTo.get(e.incident_id);
    if (list === undefined) escalatedTo.set(e.incident_id, [e.to_whom]);
    else list.push(e.to_whom);
  }
  const evidence = new Map<number, number>();
  for (const f of sql.all(
    qb
      .selectFrom('incident_evidence')
      .select((eb) => ['incident_id', eb.fn.countAll<number>().as('n')])
      .groupBy('incident_id'),
  )) {
    evidence.set(f.incident_id, Number(f.n));
  }
  return sql
    .all(qb.selectFrom('incidents').select(['id', 'channel_id', 'opened_at', 'closed_at']))
    .map((i) => ({
      id: i.id,
      channelId: i.channel_id,
      openedAt: i.opened_at,
      escalatedTo: escalatedTo.get(i.id) ?? [],
      closedAt: i.closed_at,
      evidenceCount: evidence.get(i.id) ?? 0,
    }));
}

/**
 * What an SLT auditor may see: their school's channels (and the inbox, check-ins and grants on
 * them). People stay whole, so the rules can still tell who is core team; findings about
 * people of other schools are dropped by the caller.
 */
export function snapshotForSchool(snapshot: ComplianceSnapshot, schoolId: number): ComplianceSnapshot {
  const channels = snapshot.channels.filter((c) => c.schoolId === schoolId);
  const ids = new Set(channels.map((c) => c.id));
  return {
    ...snapshot,
    channels,
    grants: snapshot.grants.filter((g) => ids.has(g.channelId)),
    inbox: snapshot.inbox.filter((i) => ids.has(i.channelId)),
    monitoring: snapshot.monitoring.filter((m) => ids.has(m.channelId)),
    rota: snapshot.rota.filter((r) => ids.has(r.channelId)),
    incidents: snapshot.incidents.filter((i) => ids.has(i.channelId)),
  };
}
