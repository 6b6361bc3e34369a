import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { NameCommitments, type NameCandidate } from './name-commitments';

export type NameKind = 'person' | 'channel';

const SUBJECT_TABLE: Record<NameKind, string> = { person: 'people', channel: 'channels' };
const SUBJECT_LABEL: Record<NameKind, string> = { person: 's.email', channel: "s.platform || ':' || s.handle" };

/**
 * A subject's names now, joined to the side-table rows that hold exactly those names (through
 * audit_names_subject): one read, the same on both engines. No row when there is no such subject.
 */
export function nameCandidatesQuery(kind: NameKind, id: number) {
  const label = sql.raw(SUBJECT_LABEL[kind]);
  return qb
    .selectFrom(
      sql<NameCandidate>`(SELECT ${label} AS label, s.name AS name, n.commitment AS commitment, n.salt AS salt FROM ${sql.raw(SUBJECT_TABLE[kind])} s
        LEFT JOIN audit_names n ON n.kind = ${sql.lit(kind)} AND n.subject_id = s.id AND n.label = ${label} AND n.name = s.name
        WHERE s.id = ${id})`.as('candidates'),
    )
    .selectAll();
}

const newNameRow = (kind: NameKind, id: number, made: { commitment: string; salt: string }, now: NameCandidate, at: string) =>
  qb.insertInto('audit_names').values({ commitment: made.commitment, kind, subject_id: id, salt: made.salt, label: now.label, name: now.name, created_at: at });

/** The commitment to a subject's names now, on the Db port: call inside the append's transaction. */
export async function commitNames(db: Db, commitments: NameCommitments, kind: NameKind, id: number | null, at: string): Promise<string | null> {
  if (id === null) return null;
  const candidates = await db.all(nameCandidatesQuery(kind, id));
  const now = candidates[0];
  if (now === undefined) return null;
  const reused = commitments.reusable(candidates);
  if (reused !== null) return reused;
  const made = commitments.fresh(now.label, now.name);
  await db.run(newNameRow(kind, id, made, now, at));
  return made.commitment;
}

/**
 * The same on better-sqlite3, with its two statements prepared once: the SQLite trail appends on
 * the hot path of every action (audit.repo.ts).
 */
export class AuditNames {
  private readonly candidates: Record<NameKind, BetterSqlite3.Statement<[number], NameCandidate>>;
  /** Both subjects' candidates in one read (as arrays: 1 or 2 for whose, then label, name, commitment, salt). */
  private readonly channelAndPerson: BetterSqlite3.Statement<[number, number], [number, string, string, string | null, string | null]>;
  private readonly insert: BetterSqlite3.Statement<unknown[]>;
  private readonly commitments = new NameCommitments();

  constructor(db: BetterSqlite3.Database) {
    const person = nameCandidatesQuery('person', 0).compile().sql;
    const channel = nameCandidatesQuery('channel', 0).compile().sql;
    this.candidates = { person: db.prepare(person), channel: db.prepare(channel) };
    this.channelAndPerson = db.prepare<[number, number], [number, string, string, string | null, string | null]>(`SELECT 1, * FROM (${channel}) UNION ALL SELECT 2, * FROM (${person})`).raw(true);
    this.insert = db.prepare(newNameRow('person', 0, { commitment: '', salt: '' }, { label: '', name: '', commitment: null, salt: null }, '').compile().sql);
  }

  /** Call inside the append's transaction. Null when there is no such person or channel. */
  commit(kind: NameKind, id: number | null, at: string): string | null {
    if (id === null) return null;
    return this.commitTo(kind, id, this.candidates[kind].all(id), at);
  }

  /**
   * commit('channel', …) then commit('person', …), with both subjects' names read by one statement:
   * most events name an actor and a channel, and every append reads them inside its transaction.
   */
  commitChannelAndPerson(channelId: number | null, personId: number | null, at: string): { channel: string | null; person: string | null } {
    if (channelId === null || personId === null) return { channel: this.commit('channel', channelId, at), person: this.commit('person', personId, at) };
    const channel: NameCandidate[] = [];
    const person: NameCandidate[] = [];
    for (const [whose, label, name, commitment, salt] of this.channelAndPerson.all(channelId, personId)) {
      (whose === 1 ? channel : person).push({ label, name, commitment, salt });
    }
    return { channel: this.commitTo('channel', channelId, channel, at), person: this.commitTo('person', personId, person, at) };
  }

  private commitTo(kind: NameKind, id: number, candidates: readonly NameCandidate[], at: string): string | null {
    const now = candidates[0];
    if (now === undefined) return null;
    const reused = this.commitments.reusable(candidates);
    if (reused !== null) return reused;
    const made = this.commitments.fresh(now.label, now.name);
    this.insert.run(made.commitment, kind, id, made.salt, now.label, now.name, at);
    return made.commitment;
  }
}

/** 'person:12' or 'channel:3' (the targets that name a subject) → what to commit to. */
export function targetSubject(target: string | null): { kind: NameKind; id: number } | null {
  const match = target === null ? null : /^(person|channel):(\d+)$/.exec(target);
  return match === null ? null : { kind: match[1] as NameKind, id: Number(match[2]) };
}

/** What an event shows for a name whose side-table row was erased (or is gone). */
export const ERASED = '(erased)';

export interface NamesAsWere {
  label: string;
  name: string;
}

/**
 * A v2 event's name as it was: its commitment's row, ERASED when that row is gone or erased,
 * null when it names nobody. A v1 event (before commitments) has only today's name.
 */
export function nameAsWere(version: number, commitment: string | null, names: Map<string, NamesAsWere>, today: NamesAsWere | null): NamesAsWere | null {
  if (version === 1) return today;
  if (commitment === null) return null;
  return names.get(commitment) ?? { label: ERASED, name: ERASED };
}

/** Whether this database has trail v2's columns: a staged copy from an older version has not. */
export function hasTrailV2(db: BetterSqlite3.Database): boolean {
  return (db.prepare('SELECT name FROM pragma_table_info(?)').all('audit_events') as { name: string }[]).some((c) => c.name === 'version');
}
