import { randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { qb, type Sql } from '../db/sql';
import { nameCommitment } from './audit-chain-v2';

export type NameKind = 'person' | 'channel';

interface Names {
  label: string;
  name: string;
}

const NAMES_SQL: Record<NameKind, string> = {
  person: 'SELECT email AS label, name FROM people WHERE id = ?',
  channel: "SELECT platform || ':' || handle AS label, name FROM channels WHERE id = ?",
};
const LATEST_SQL = 'SELECT commitment, salt, label, name FROM audit_names WHERE kind = ? AND subject_id = ? ORDER BY rowid DESC LIMIT 1';
const INSERT_SQL = 'INSERT INTO audit_names (commitment, kind, subject_id, salt, label, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

interface Latest {
  commitment: string;
  salt: string | null;
  label: string | null;
  name: string | null;
}

/**
 * Commitments to the names of people and channels as they are now, for the event being
 * appended. The side table is the cache: while a subject's names are unchanged its latest
 * row is reused (two indexed reads per subject), and a new salted row is written only when
 * they changed, in the append's own transaction, so a rolled-back append leaves no row behind
 * and nothing in memory can go stale across processes (the app and the CLI share a vault).
 */
export class AuditNames {
  private readonly names: Record<NameKind, BetterSqlite3.Statement<[number], Names>>;
  private readonly latest: BetterSqlite3.Statement<[NameKind, number], Latest>;
  private readonly insert: BetterSqlite3.Statement<unknown[]>;

  constructor(db: BetterSqlite3.Database) {
    this.names = { person: db.prepare(NAMES_SQL.person), channel: db.prepare(NAMES_SQL.channel) };
    this.latest = db.prepare(LATEST_SQL);
    this.insert = db.prepare(INSERT_SQL);
  }

  /** Call inside the append's transaction. Null when there is no such person or channel. */
  commit(kind: NameKind, id: number | null, at: string): string | null {
    if (id === null) return null;
    const now = this.names[kind].get(id);
    if (now === undefined) return null;
    const latest = this.latest.get(kind, id);
    if (
      latest !== undefined &&
      latest.salt !== null &&
      latest.label === now.label &&
      latest.name === now.name &&
      nameCommitment(latest.salt, latest.label, latest.name) === latest.commitment
    ) {
      return latest.commitment;
    }
    const salt = randomBytes(16).toString('hex');
    const commitment = nameCommitment(salt, now.label, now.name);
    this.insert.run(commitment, kind, id, salt, now.label, now.name, at);
    return commitment;
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

/** The side table's names for these commitments (erased rows read as ERASED). */
export function namesAsWere(sql: Sql, commitments: Iterable<string | null>): Map<string, NamesAsWere> {
  const wanted = [...new Set([...commitments].filter((c): c is string => c !== null))];
  const names = new Map<string, NamesAsWere>();
  // In chunks: SQLite limits the parameters of one statement.
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = sql.all(qb.selectFrom('audit_names').select(['commitment', 'label', 'name']).where('commitment', 'in', wanted.slice(i, i + 500)));
    for (const row of rows) names.set(row.commitment, { label: row.label ?? ERASED, name: row.name ?? ERASED });
  }
  return names;
}

/** Every name in the side table, for an export that reads the whole trail. */
export function allNamesAsWere(sql: Sql): Map<string, NamesAsWere> {
  return new Map(sql.all(qb.selectFrom('audit_names').select(['commitment', 'label', 'name'])).map((row) => [row.commitment, { label: row.label ?? ERASED, name: row.name ?? ERASED }]));
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
