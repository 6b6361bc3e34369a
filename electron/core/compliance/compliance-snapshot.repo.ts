import type { ComplianceSnapshot, InboxKind, SnapshotGrant, SnapshotIncident } from '../../../shared/compliance/compliance-snapshot';
import { monitoringWindow } from '../../../shared/compliance/rules/monitoring-coverage.rule';
import type { ConsoleRole, PersonRole, Platform, TwoFactorState } from '../../../shared/domain/enums';
import type { Compilable, CompiledQuery, OperationNodeSource } from 'kysely';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { rotaEntriesQuery } from '../monitoring/rota.repo';

/**
 * The queries of the snapshot: one per table, no per-row queries, so the report stays quick on a
 * large trust. Metadata only, never a secret value.
 */
const staticQueries = {
  trust: qb.selectFrom('trust').select('name'),
  schools: qb.selectFrom('schools').select(['id', 'code', 'name']),
  people: qb
    .selectFrom('people as p')
    .leftJoin('operators as o', 'o.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.email', 'p.role', 'p.school_id', 'p.left_on', 'o.console_role', 'o.last_signed_in_at']),
  channels: qb
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
  // Read as tuples (grantsFrom): an object per row, its four keys set by the driver, was most
  // of the read with 20,000 grants; the same values as arrays cost a third less.
  grants: qb.selectFrom('access_grants').select(['channel_id', 'person_id', 'granted_at', 'revoked_at']),
  training: qb.selectFrom('training_records').select(['person_id as personId', 'trained_on as trainedOn', 'trainer_id as trainerId']),
  inbox: qb.selectFrom('inbox_items').select(['id', 'channel_id', 'kind', 'received_at', 'due_on', 'late_from', 'responded_at', 'dsl_alerted_at']),
  rota: rotaEntriesQuery(),
  escalations: qb.selectFrom('incident_escalations').select(['incident_id', 'to_whom']).orderBy('at').orderBy('id'),
  evidence: qb
    .selectFrom('incident_evidence')
    .select((eb) => ['incident_id', eb.fn.countAll<number>().as('n')])
    .groupBy('incident_id'),
  incidents: qb.selectFrom('incidents').select(['id', 'channel_id', 'opened_at', 'closed_at']),
  reviews: qb.selectFrom('policy_reviews').select(['reviewed_on', 'next_review_on']),
  recoveryKit: qb.selectFrom('recovery_key').select('id'),
};

type StaticQueries = typeof staticQueries;
// Built and compiled once per process: kysely walks a query's tree at every compile, and the
// snapshot runs fourteen queries at every report.
const compiledQueries = Object.fromEntries(Object.entries(staticQueries).map(([key, query]) => [key, compiledOnce(query)])) as {
  [K in keyof StaticQueries]: Compilable<RowOf<StaticQueries[K]>> & OperationNodeSource;
};

function snapshotQueries(today: string) {
  const window = monitoringWindow(today);
  return {
    ...compiledQueries,
    monitoring: qb.selectFrom('monitoring_checks').select(['channel_id', 'checked_on']).distinct().where('checked_on', '>=', window.from).where('checked_on', '<=', window.to),
  };
}

/**
 * A query that compiles once, for SQLite; PostgreSQL still compiles it from its tree
 * (postgres-db.ts), which it keeps.
 */
function compiledOnce<T>(query: Compilable<T> & OperationNodeSource): Compilable<T> & OperationNodeSource {
  let compiled: CompiledQuery<T> | undefined;
  return { compile: () => (compiled ??= query.compile()), toOperationNode: () => query.toOperationNode() };
}

type SnapshotQueries = ReturnType<typeof snapshotQueries>;
type RowOf<Q> = Q extends Compilable<infer R> ? R : never;
type FirstKeys = 'trust' | 'recoveryKit';
type SnapshotRows = { [K in Exclude<keyof SnapshotQueries, FirstKeys | 'grants'>]: RowOf<SnapshotQueries[K]>[] } & {
  grants: readonly SnapshotGrant[];
} & {
  [K in FirstKeys]: RowOf<SnapshotQueries[K]> | undefined;
};

/** Reads what the compliance rules look at, as flat rows (shared/compliance/compliance-snapshot.ts). */
export async function readComplianceSnapshot(db: Db, today: string): Promise<ComplianceSnapshot> {
  const q = snapshotQueries(today);
  return snapshotFrom({
    trust: await db.first(q.trust),
    schools: await db.all(q.schools),
    people: await db.all(q.people),
    channels: await db.all(q.channels),
    grants: grantsFrom(await db.tuples(q.grants)),
    training: await db.all(q.training),
    inbox: await db.all(q.inbox),
    monitoring: await db.all(q.monitoring),
    rota: await db.all(q.rota),
    escalations: await db.all(q.escalations),
    evidence: await db.all(q.evidence),
    incidents: await db.all(q.incidents),
    reviews: await db.all(q.reviews),
    recoveryKit: await db.first(q.recoveryKit),
  });
}

/** The grants' tuples (channel, person, granted, revoked: the select's order) in the snapshot's shape. */
function grantsFrom(tuples: unknown[][]): SnapshotGrant[] {
  return tuples.map((t) => ({ channelId: t[0] as number, personId: t[1] as number, grantedAt: t[2] as string, revokedAt: t[3] as string | null }));
}

function snapshotFrom(rows: SnapshotRows): ComplianceSnapshot {
  return {
    trustName: rows.trust?.name ?? '',
    schools: rows.schools,
    people: rows.people.map((p) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      role: p.role as PersonRole,
      schoolId: p.school_id,
      leftOn: p.left_on,
      consoleRole: (p.console_role ?? null) as ConsoleRole | null,
      lastActiveAt: p.last_signed_in_at ?? null,
    })),
    channels: rows.channels.map((c) => ({
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
    grants: rows.grants,
    training: rows.training,
    inbox: rows.inbox.map((i) => ({
      id: i.id,
      channelId: i.channel_id,
      kind: i.kind as InboxKind,
      receivedAt: i.received_at,
      dueOn: i.due_on,
      lateFrom: i.late_from,
      respondedAt: i.responded_at,
      dslNotifiedAt: i.dsl_alerted_at,
    })),
    monitoring: rows.monitoring.map((m) => ({ channelId: m.channel_id, date: m.checked_on })),
    rota: rows.rota.map((r) => ({ channelId: r.channel_id, weekday: r.weekday, personId: r.person_id })),
    incidents: incidentsFrom(rows),
    reviews: rows.reviews.map((r) => ({ reviewedOn: r.reviewed_on, nextReviewOn: r.next_review_on })),
    recoveryKit: rows.recoveryKit !== undefined,
  };
}

/** Incidents with who they were escalated to and how much evidence they have. */
function incidentsFrom(rows: Pick<SnapshotRows, 'escalations' | 'evidence' | 'incidents'>): SnapshotIncident[] {
  const escalatedTo = new Map<number, string[]>();
  for (const e of rows.escalations) {
    const list = escalatedTo.get(e.incident_id);
    if (list === undefined) escalatedTo.set(e.incident_id, [e.to_whom]);
    else list.push(e.to_whom);
  }
  const evidence = new Map<number, number>();
  for (const f of rows.evidence) evidence.set(f.incident_id, Number(f.n));
  return rows.incidents.map((i) => ({
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
