import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

/** The SQL of the recovery ceremonies: the administrator they restore (their grants go through access.repo's recordGrant). */

export async function trustName(db: Db): Promise<string> {
  return (await db.first(qb.selectFrom('trust').select('name')))?.name ?? '';
}

/** The person's console role before the ceremony (null: not an operator). */
export async function consoleRoleOf(db: Db, personId: number): Promise<string | null> {
  return (await db.first(qb.selectFrom('operators').select('console_role').where('person_id', '=', personId)))?.console_role ?? null;
}

/**
 * Makes the person an administrator with this passphrase: a new operators row, or the role and
 * passphrase of the existing one (unlocked, nothing to change at the next sign-in: the person
 * chose it at the ceremony).
 */
export async function makeAdministrator(db: Db, personId: number, passphraseHash: string, at: string): Promise<void> {
  const update = { console_role: 'admin', passphrase_hash: passphraseHash, passphrase_changed_at: at, failed_attempts: 0, locked_until: null, must_change_passphrase: 0 };
  const changed = (await db.run(qb.updateTable('operators').set(update).where('person_id', '=', personId))).changes;
  if (changed === 0) await db.run(qb.insertInto('operators').values({ person_id: personId, ...update }));
}
