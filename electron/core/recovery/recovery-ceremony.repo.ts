import { qb, type Sql } from '../db/sql';

/** The SQL of the recovery ceremonies: the administrator they restore (their grants go through access.repo's recordGrant). */

export function trustName(sql: Sql): string {
  return sql.first(qb.selectFrom('trust').select('name'))?.name ?? '';
}

/** The person's console role before the ceremony (null: not an operator). */
export function consoleRoleOf(sql: Sql, personId: number): string | null {
  return sql.first(qb.selectFrom('operators').select('console_role').where('person_id', '=', personId))?.console_role ?? null;
}

/**
 * Makes the person an administrator with this passphrase: a new operators row, or the role and
 * passphrase of the existing one (unlocked, nothing to change at the next sign-in: the person
 * chose it at the ceremony).
 */
export function makeAdministrator(sql: Sql, personId: number, passphraseHash: string, at: string): void {
  const update = { console_role: 'admin', passphrase_hash: passphraseHash, passphrase_changed_at: at, failed_attempts: 0, locked_until: null, must_change_passphrase: 0 };
  const changed = sql.run(qb.updateTable('operators').set(update).where('person_id', '=', personId)).changes;
  if (changed === 0) sql.run(qb.insertInto('operators').values({ person_id: personId, ...update }));
}
