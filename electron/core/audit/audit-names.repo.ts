import { randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { qb, type Sql } from '../db/sql';
import { nameCommitment } from './audit-chain-v2';

export type NameKind = 'person' | 'channel';

/**
 * A subject's names now and its latest side-table row, in one read: the latest row is found through
 * audit_names_subject (the rowid of the last row for the subject), so the join costs one index seek.
 */
const NOW_AND_LATEST_SQL: Record<NameKind, string> = {
  person:
    'SELECT s.email AS label, s.name AS name, n.commitment, n.salt, n.label AS latestLabel, n.name AS latestName FROM people s ' +
    "LEFT JOIN audit_names n ON n.rowid = (SELECT rowid FROM audit_names WHERE kind = 'person' AND subject_id = s.id ORDER BY rowid DESC LIMIT 1) WHERE s.id = ?",
  channel:
    "SELECT s.platform || ':' || s.handle AS label, s.name AS name, n.commitment, n.salt, n.label AS latestLabel, n.name AS latestName FROM channels s " +
    "LEFT JOIN audit_names n ON n.rowid = (SELECT rowid FROM audit_names WHERE kind = 'channel' AND subject_id = s.id ORDER BY rowid DESC LIMIT 1) WHERE s.id = ?",
};
const INSERT_SQL = 'INSERT INTO audit_names (commitment, kind, subject_id, salt, label, name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)';

interface NowAndLatest {
  label: string;
  name: string;
  commitment: string | null;
  salt: string | null;
  latestLabel: string | null;
  latestName: string | null;
}

/** Past this many, the memo of checked rows starts again: a trust has far fewer people and channels. */
const MEMO_LIMIT = 20_000;

/**
 * Commitments to the names of people and channels as they are now, for the event being
 * appended. The side table is the cache: while a subject's names are unchanged its latest
 * row is reused, and a new salted row is written only when they changed, in the append's own
 * transaction, so a rolled-back append leaves no row behind and nothing in memory can go stale
 * across processes (the app and the CLI share a vault).
 *
 * The row is read on every append, but its commitment is recomputed only the first time this
 * process sees exactly that row (salt, label, name, commitment): the memo holds rows already
 * checked, so a row edited on disk (by sqlite3, or another process) differs from the memo and is
 * checked again, and refused as a cache entry when it does not match its commitment.
 */
export class AuditNames {
  private readonly nowAndLatest: Record<NameKind, BetterSqlite3.Statement<[number], NowAndLatest>>;
  private readonly insert: BetterSqlite3.Statement<unknown[]>;
  private readonly checked = new Map<string, { salt: string; label: string; name: string }>();

  constructor(db: BetterSqlite3.Database) {
    this.nowAndLatest = { person: db.prepare(NOW_AND_LATEST_SQL.person), channel: db.prepare(NOW_AND_LATEST_SQL.channel) };
    this.insert = db.prepare(INSERT_SQL);
  }

  /** Call inside the append's transaction. Null when there is no such person or channel. */
  commit(kind: NameKind, id: number | null, at: string): string | null {
    if (id === null) return null;
    const row = this.nowAndLatest[kind].get(id);
    if (row === undefined) return null;
    if (row.commitment !== null && row.salt !== null && row.latestLabel === row.label && row.latestName === row.name && this.holds(row.commitment, row.salt, row.label, row.name)) {
      return row.commitment;
    }
    const salt = randomBytes(16).toString('hex');
    const commitment = nameCommitment(salt, row.label, row.name);
    this.insert.run(commitment, kind, id, salt, row.label, row.name, at);
    this.remember(commitment, salt, row.label, row.name);
    return commitment;
  }

  /** Whether the commitment is that of these salt and names: from the memo, or hashed once. */
  private holds(commitment: string, salt: string, label: string, name: string): boolean {
    const known = this.checked.get(commitment);
    if (known !== undefined && known.salt === salt && known.label === label && known.name === name) return true;
    if (nameCommitment(salt, label, name) !== commitment) return false;
    this.remember(commitment, salt, label, name);
    return true;
  }

  private remember(commitment: string, salt: string, label: string, name: string): void {
    if (this.checked.size >= MEMO_LIMIT) this.checked.clear();
    this.checked.set(commitment, { salt, label, name });
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
