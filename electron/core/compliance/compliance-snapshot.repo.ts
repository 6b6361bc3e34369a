import type {
  ComplianceSnapshot,
  InboxKind,
  SnapshotChannel,
  SnapshotGrant,
  SnapshotIncident,
  SnapshotPerson,
  SnapshotTraining,
} from '../../../shared/compliance/compliance-snapshot';
import { londonDate } from '../../../shared/calendar/london-date';
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
      'c.created_at',
    ]),
  // Read as tuples (grantsFrom), as are people, channels and training: an object per row, its
  // keys set by the driver, was most of the read with 20,000 grants; arrays cost a third less.
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
type TupleKeys = 'grants' | 'people' | 'channels' | 'training';
type SnapshotRows = { [K in Exclude<keyof SnapshotQueries, FirstKeys | TupleKeys>]: RowOf<SnapshotQueries[K]>[] } & {
  grants: readonly SnapshotGrant[];
  people: readonly SnapshotPerson[];
  channels: readonly SnapshotChannel[];
  training: readonly SnapshotTraining[];
} & {
  [K in FirstKeys]: RowOf<SnapshotQueries[K]> | undefined;
};

/** Reads what the compliance rules look at, as flat rows (shared/compliance/compliance-snapshot.ts). */
export async function readComplianceSnapshot(db: Db, today: string): Promise<ComplianceSnapshot> {
  const q = snapshotQueries(today);
  return snapshotFrom({
    trust: await db.first(q.trust),
    schools: await db.all(q.schools),
    people: peopleFrom(await db.tuples(q.people)),
    channels: channelsFrom(await db.tuples(q.channels)),
    grants: grantsFrom(await db.tuples(q.grants)),
    training: trainingFrom(await db.tuples(q.training)),
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

/*
 * The bigger tables are read as tuples (Db.tuples, in each select's order) and shaped here: the
 * driver sets an object's properties one call at a time, which for 2,000 people of eight columns
 * and 20,000 grants was most of the read; arrays and object literals cost far less.
 */

/** channel, person, granted, revoked. */
function grantsFrom(tuples: unknown[][]): SnapshotGrant[] {
  return tuples.map((t) => ({ channelId: t[0] as number, personId: t[1] as number, grantedAt: t[2] as string, revokedAt: t[3] as string | null }));
}

/** id, name, email, role, school, left on, console role, last signed in (the last two null without an operator row). */
function peopleFrom(tuples: unknown[][]): SnapshotPerson[] {
  return tuples.map((t) => ({
    id: t[0] as number,
    name: t[1] as string,
    email: t[2] as string,
    role: t[3] as PersonRole,
    schoolId: t[4] as number | null,
    leftOn: t[5] as string | null,
    consoleRole: (t[6] ?? null) as ConsoleRole | null,
    lastActiveAt: (t[7] ?? null) as string | null,
  }));
}

/** id, platform, handle, name, school, registration email, dedicated, access list, 2FA, password set, rotated, added. */
function channelsFrom(tuples: unknown[][]): SnapshotChannel[] {
  return tuples.map((t) => ({
    id: t[0] as number,
    platform: t[1] as Platform,
    handle: t[2] as string,
    name: t[3] as string,
    schoolId: t[4] as number | null,
    registrationEmail: t[5] as string | null,
    mailboxDedicated: t[6] === null ? null : t[6] === 1,
    mailboxAccess: JSON.parse(t[7] as string) as string[],
    twoFactor: t[8] as TwoFactorState,
    passwordSetAt: (t[9] ?? null) as string | null,
    passwordRotatedAt: (t[10] ?? null) as string | null,
    addedOn: londonDate(Date.parse(t[11] as string)),
  }));
}

/** person, trained on, trainer. */
function trainingFrom(tuples: unknown[][]): SnapshotTraining[] {
  return tuples.map((t) => ({ personId: t[0] as number, trainedOn: t[1] as string, trainerId: t[2] as number | null }));
}

function snapshotFrom(rows: SnapshotRows): ComplianceSnapshot {
  return {
    trustName: rows.trust?.name ?? '',
    schools: rows.schools,
    people: rows.people,
    channels: rows.channels,
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
