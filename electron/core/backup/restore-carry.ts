import type BetterSqlite3 from 'better-sqlite3';

/**
 * A table whose live rows a restore carries into the restored copy. `after`: only rows whose
 * column is past the backup's head seq (the trail); without it, every live row the copy lacks
 * (INSERT OR IGNORE: rows the backup already holds stay as they are).
 */
interface CarriedTable {
  table: string;
  after?: string;
  /** The live row wins over the backup's (INSERT OR REPLACE): a name erased since the backup stays erased. */
  replace?: true;
  /**
   * The live table as it is, deletions included: the backup's rows go first. For the keys: a wrap
   * deleted by a revoke since the backup stays deleted, a ciphertext rotated since stays the new
   * one. Rows of a channel or person the restored copy does not have are left out (they go with it).
   */
  mirror?: { channel?: string; person?: string; key?: string };
}

/**
 * What a restore must never roll back: ONE line per table. The trail's own tables belong here
 * (and, with holders' keys, every key table: ciphertexts, wraps, certificates, deletions). The
 * revokes, which deleted wraps, are carried after them (carryRevocations).
 */
export const CARRIED_TABLES: readonly CarriedTable[] = [
  { table: 'audit_events', after: 'seq' },
  // The names the later events commit to; an erasure (data protection) made since stays made.
  { table: 'audit_names', replace: true },
  // Holders' keys (parents first, for the foreign keys): never rolled back.
  { table: 'person_keys', mirror: { person: 'person_id' } },
  // The trust root's mirror and the certificates: a restore must not bring back a role since taken away.
  { table: 'trust_root', mirror: { person: 'created_by' } },
  { table: 'console_certificates', mirror: { person: 'person_id' } },
  { table: 'recovery_key', mirror: { person: 'created_by' } },
  // The publisher: its private half on this computer is the current one, whatever the backup says.
  { table: 'publishers', mirror: { person: 'enrolled_by', key: 'signer_key_id' } },
  { table: 'secret_versions', mirror: { channel: 'channel_id' } },
  { table: 'secret_wraps', mirror: { channel: 'channel_id', key: 'signer_key_id' } },
  { table: 'secrets', mirror: { channel: 'channel_id', person: 'set_by' } },
];

/**
 * Copies the carried rows from the live database into the staged one, every column by name
 * (the staged copy is migrated to the same schema first), inside the caller's transaction on
 * `staged`. Returns how many rows each table gave.
 */
export function carryLaterRows(live: BetterSqlite3.Database, staged: BetterSqlite3.Database, fromSeq: number, at: string): Record<string, number> {
  const carried: Record<string, number> = {};
  // Children before parents when emptying, parents before children when filling.
  for (const { table, mirror } of [...CARRIED_TABLES].reverse()) {
    if (mirror !== undefined && hasTable(staged, table)) staged.prepare(`DELETE FROM "${table}"`).run();
  }
  for (const { table, after, replace, mirror } of CARRIED_TABLES) {
    if (!hasTable(live, table)) continue;
    if (mirror !== undefined) {
      carried[table] = mirrorRows(live, staged, table, mirror);
      continue;
    }
    const read = live.prepare(`SELECT * FROM "${table}"${after === undefined ? '' : ` WHERE "${after}" > ? ORDER BY "${after}"`}`);
    const columns = read.columns().map((column) => column.name);
    const insert = staged.prepare(
      `INSERT${replace === true ? ' OR REPLACE' : after === undefined ? ' OR IGNORE' : ''} INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    let count = 0;
    for (const row of (after === undefined ? read.raw().iterate() : read.raw().iterate(fromSeq)) as Iterable<unknown[]>) {
      count += insert.run(...row).changes;
    }
    carried[table] = count;
  }
  carried.revocations = carryRevocations(live, staged);
  carried.wrapsWithoutGrant = dropWrapsWithoutGrant(staged, at);
  return carried;
}

/**
 * The register is restored, the keys are not: a grant made after the backup is undone, but the
 * wraps made for it were carried with the live keys. The register is the key, so those wraps go
 * (the person's key would still open what the restored register says they no longer hold), and
 * the channel is marked due a new value, as a revoke marks it: they may have seen it. The recovery
 * key's wraps are not a grant and stay.
 */
function dropWrapsWithoutGrant(staged: BetterSqlite3.Database, at: string): number {
  const orphans = `FROM secret_wraps WHERE recipient LIKE 'person:%' AND NOT EXISTS (
    SELECT 1 FROM access_grants g WHERE g.channel_id = secret_wraps.channel_id AND g.revoked_at IS NULL AND 'person:' || g.person_id = secret_wraps.recipient)`;
  if (!hasTable(staged, 'secret_wraps')) return 0;
  staged.prepare(`UPDATE channels SET rotation_due_since = COALESCE(rotation_due_since, ?) WHERE id IN (SELECT channel_id ${orphans})`).run(at);
  return staged.prepare(`DELETE ${orphans}`).run().changes;
}

/**
 * A revoke deleted the person's wraps and marked the channel due a new value: a restore keeps
 * both (the wraps by the mirror above). The grant must stay revoked too, or the next holder at
 * work would seal the keys to the person again, the restored register vouching for it; and the
 * channel stays due (or not: a rotation since cleared it) as the live vault has it. The restore
 * event's register is read after this, so verify replays the register as it is.
 */
function carryRevocations(live: BetterSqlite3.Database, staged: BetterSqlite3.Database): number {
  const revoked = live.prepare('SELECT id, channel_id, person_id, revoked_by, revoked_at, revoke_reason FROM access_grants WHERE revoked_at IS NOT NULL').all() as {
    id: number;
    channel_id: number;
    person_id: number;
    revoked_by: number | null;
    revoked_at: string;
    revoke_reason: string | null;
  }[];
  const revoke = staged.prepare(
    // The revoker may be someone added after the backup: the revoke stays, without their name (the trail has it).
    'UPDATE access_grants SET revoked_by = (SELECT id FROM people WHERE id = ?), revoked_at = ?, revoke_reason = ? WHERE id = ? AND channel_id = ? AND person_id = ? AND revoked_at IS NULL',
  );
  let count = 0;
  for (const g of revoked) count += revoke.run(g.revoked_by, g.revoked_at, g.revoke_reason, g.id, g.channel_id, g.person_id).changes;
  const due = staged.prepare('UPDATE channels SET rotation_due_since = ? WHERE id = ?');
  for (const c of live.prepare('SELECT id, rotation_due_since FROM channels').all() as { id: number; rotation_due_since: string | null }[]) due.run(c.rotation_due_since, c.id);
  return count;
}

function mirrorRows(live: BetterSqlite3.Database, staged: BetterSqlite3.Database, table: string, mirror: NonNullable<CarriedTable['mirror']>): number {
  const read = live.prepare(`SELECT * FROM "${table}"`);
  const columns = read.columns().map((column) => column.name);
  const keep = (column: string | undefined, parent: string) =>
    column === undefined ? '' : ` AND EXISTS (SELECT 1 FROM "${parent}" WHERE id = ?)`;
  const parentChecks: [string | undefined, string][] = [
    [mirror.channel, 'channels'],
    [mirror.person, 'people'],
    [mirror.key, 'person_keys'],
  ];
  const checks = parentChecks.filter(([column]) => column !== undefined) as [string, string][];
  const insert = staged.prepare(
    `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) SELECT ${columns.map(() => '?').join(', ')} WHERE 1${checks.map(([column, parent]) => keep(column, parent)).join('')}`,
  );
  const at = checks.map(([column]) => columns.indexOf(column));
  let count = 0;
  for (const row of read.raw().iterate() as Iterable<unknown[]>) {
    const parents = at.map((index) => row[index]);
    count += insert.run(...row, ...parents).changes;
  }
  return count;
}

function hasTable(db: BetterSqlite3.Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
}
