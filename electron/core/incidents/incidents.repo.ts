import type { IncidentView } from '../../../shared/contract/views';
import { channelLabel } from '../channels/channels.repo';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { CoreError } from '../errors';

export type IncidentRow = {
  id: number;
  channel_id: number;
  platform: string;
  handle: string;
  channel_name: string;
  school_id: number | null;
  school: string | null;
  inbox_item_id: number | null;
  kind: IncidentView['kind'];
  summary: string;
  opened_at: string;
  opened_by: string;
  audience_told: number | null;
  closed_at: string | null;
};

export interface IncidentFilter {
  id?: number;
  openOnly?: boolean;
  /** An operator at a school: incidents on that school's channels and the trust's only. */
  workSchoolId?: number | null;
}

/** The incidents a filter picks: the list and the id subquery for their actions, escalations and evidence. */
function filtered(filter: IncidentFilter) {
  let query = qb
    .selectFrom('incidents as i')
    .innerJoin('channels as c', 'c.id', 'i.channel_id')
    .leftJoin('schools as s', 's.id', 'c.school_id');
  if (filter.id !== undefined) query = query.where('i.id', '=', filter.id);
  if (filter.openOnly === true) query = query.where('i.closed_at', 'is', null);
  const school = filter.workSchoolId;
  if (school !== undefined && school !== null) query = query.where((eb) => eb.or([eb('c.school_id', '=', school), eb('c.school_id', 'is', null)]));
  return query;
}

type Children = {
  actions: Map<number, IncidentView['actions']>;
  escalations: Map<number, IncidentView['escalations']>;
  evidence: Map<number, IncidentView['evidence']>;
};

function push<T>(map: Map<number, T[]>, key: number, item: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [item]);
  else list.push(item);
}

/** The actions, escalations and evidence of the incidents a filter picks: one query per table. */
function childQueries(filter: IncidentFilter) {
  const ids = filtered(filter).select('i.id');
  return {
    actions: qb
      .selectFrom('incident_actions as a')
      .innerJoin('people as p', 'p.id', 'a.by')
      .select(['a.incident_id', 'a.action', 'a.at', 'p.email'])
      .where('a.incident_id', 'in', ids)
      .orderBy('a.at')
      .orderBy('a.id'),
    escalations: qb
      .selectFrom('incident_escalations as e')
      .innerJoin('people as p', 'p.id', 'e.by')
      .select(['e.incident_id', 'e.to_whom', 'e.at', 'p.email'])
      .where('e.incident_id', 'in', ids)
      .orderBy('e.at')
      .orderBy('e.id'),
    evidence: qb
      .selectFrom('incident_evidence as f')
      .select(['f.id', 'f.incident_id', 'f.original_name', 'f.sha256', 'f.bytes', 'f.media_type', 'f.captured_at'])
      .where('f.incident_id', 'in', ids)
      .orderBy('f.captured_at')
      .orderBy('f.id'),
  };
}

type ChildQueries = ReturnType<typeof childQueries>;
type RowsOf<Q> = Q extends { execute(): Promise<(infer R)[]> } ? R[] : never;
type ChildRows = { [K in keyof ChildQueries]: RowsOf<ChildQueries[K]> };

async function children(db: Db, filter: IncidentFilter): Promise<Children> {
  const queries = childQueries(filter);
  return childrenFrom({ actions: await db.all(queries.actions), escalations: await db.all(queries.escalations), evidence: await db.all(queries.evidence) });
}

function childrenFrom(rows: ChildRows): Children {
  const result: Children = { actions: new Map(), escalations: new Map(), evidence: new Map() };
  for (const row of rows.actions) push(result.actions, row.incident_id, { action: row.action, at: row.at, by: row.email });
  for (const row of rows.escalations) push(result.escalations, row.incident_id, { to: row.to_whom, at: row.at, by: row.email });
  for (const row of rows.evidence) {
    push(result.evidence, row.incident_id, {
      id: row.id,
      originalName: row.original_name,
      sha256: row.sha256,
      bytes: row.bytes,
      mediaType: row.media_type,
      capturedAt: row.captured_at,
    });
  }
  return result;
}

function toIncidentView(row: IncidentRow, kids: Children): IncidentView {
  return {
    id: row.id,
    channel: channelLabel(row),
    channelName: row.channel_name,
    school: row.school,
    kind: row.kind,
    summary: row.summary,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    actions: kids.actions.get(row.id) ?? [],
    escalations: kids.escalations.get(row.id) ?? [],
    evidence: kids.evidence.get(row.id) ?? [],
    audienceTold: row.audience_told === null ? null : row.audience_told === 1,
    closedAt: row.closed_at,
    inboxItem: row.inbox_item_id,
    status: row.closed_at === null ? 'open' : 'closed',
  };
}

function incidentRowsQuery(filter: IncidentFilter) {
  return filtered(filter)
    .innerJoin('people as p', 'p.id', 'i.opened_by')
    .select([
      'i.id',
      'i.channel_id',
      'c.platform',
      'c.handle',
      'c.name as channel_name',
      'c.school_id',
      's.code as school',
      'i.inbox_item_id',
      'i.kind',
      'i.summary',
      'i.opened_at',
      'p.email as opened_by',
      'i.audience_told',
      'i.closed_at',
    ])
    // Open first, then the newest.
    .orderBy((eb) => eb('i.closed_at', 'is not', null))
    .orderBy('i.opened_at', 'desc')
    .orderBy('i.id', 'desc');
}

async function incidentRows(db: Db, filter: IncidentFilter): Promise<IncidentRow[]> {
  return db.all(incidentRowsQuery(filter));
}

/** The incidents a filter picks, as views: four queries whatever the number of incidents. */
export async function listIncidents(db: Db, filter: IncidentFilter): Promise<IncidentView[]> {
  const rows = await incidentRows(db, filter);
  if (rows.length === 0) return [];
  const kids = await children(db, filter);
  return rows.map((row) => toIncidentView(row, kids));
}

export async function incidentRowById(db: Db, id: number): Promise<IncidentRow> {
  const row = (await incidentRows(db, { id }))[0];
  if (row === undefined) throw new CoreError('not_found', `No incident has the id ${id}.`, 'id');
  return row;
}

export async function incidentViewById(db: Db, id: number): Promise<IncidentView> {
  return toIncidentView(await incidentRowById(db, id), await children(db, { id }));
}
