import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { decoyHash, throttleDelaySeconds, verifyPassphrase } from './passphrase';
import { toOperator } from './sessions';
import { londonToday } from '../clock';

/**
 * Counts a passphrase attempt before it is checked, in one IMMEDIATE transaction, so that
 * parallel guesses (several windows or CLI processes) each pay the growing delay. A right
 * passphrase clears the count afterwards. Throws 'throttled' while the wait runs.
 */
export function beginPassphraseAttempt(vault: Vault, personId: number, action: string): void {
  const now = vault.clock.now();
  const wait = vault.sql.transaction((): number | null => {
    const row = vault.sql.first(qb.selectFrom('operators').select(['failed_attempts', 'locked_until']).where('person_id', '=', personId));
    if (row === undefined) return null;
    if (row.locked_until !== null && row.locked_until > now.toISOString()) {
      const seconds = Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000);
      vault.audit.append({ actorId: personId, action, outcome: 'denied', details: { why: 'throttled', waitSeconds: seconds } });
      return seconds;
    }
    const failed = row.failed_attempts + 1;
    const delay = throttleDelaySeconds(failed);
    vault.sql.run(
      qb
        .updateTable('operators')
        .set({ failed_attempts: failed, locked_until: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : null })
        .where('person_id', '=', personId),
    );
    return null;
  });
  if (wait !== null) throw new CoreError('throttled', `Too many wrong passphrases. Try again in ${wait} s.`);
}

export function clearPassphraseAttempts(vault: Vault, personId: number): void {
  vault.sql.run(qb.updateTable('operators').set({ failed_attempts: 0, locked_until: null }).where('person_id', '=', personId));
}

/**
 * Checks an operator's passphrase. Every attempt is audited; wrong passphrases slow the
 * next attempt down (the wait is stored, so it holds across CLI processes); a person who
 * has left cannot sign in. Unknown emails cost the same scrypt work as known ones.
 */
export async function signIn(vault: Vault, email: string, passphrase: string): Promise<Operator> {
  const row = vault.sql.first(
    qb
      .selectFrom('operators')
      .innerJoin('people', 'people.id', 'operators.person_id')
      .leftJoin('schools', 'schools.id', 'people.school_id')
      .select([
        'people.id',
        'people.name',
        'people.email',
        'people.role',
        'people.left_on',
        'people.school_id',
        'schools.code',
        'operators.console_role',
        'operators.passphrase_hash',
      ])
      .where('people.email', '=', email),
  );
  if (row === undefined) {
    await verifyPassphrase(passphrase, await decoyHash());
    // No person to refer to by id; the address tried is kept so the attempt can be followed up.
    vault.audit.append({ actorId: null, action: 'auth.sign_in', outcome: 'denied', details: { why: 'unknown operator', email } });
    throw new CoreError('unauthenticated', 'That email and passphrase do not match a console operator.');
  }
  try {
    beginPassphraseAttempt(vault, row.id, 'auth.sign_in');
  } catch (error) {
    if (error instanceof CoreError) throw new CoreError(error.code, error.message.replace('Too many wrong passphrases.', `Too many wrong passphrases for ${row.email}.`));
    throw error;
  }
  if (!(await verifyPassphrase(passphrase, row.passphrase_hash))) {
    const failed = vault.sql.first(qb.selectFrom('operators').select('failed_attempts').where('person_id', '=', row.id))?.failed_attempts;
    vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'denied', details: { why: 'wrong passphrase', failedAttempts: failed ?? null } });
    throw new CoreError('unauthenticated', 'That email and passphrase do not match a console operator.');
  }
  const today = londonToday(vault.clock);
  vault.sql.transaction(() => {
    clearPassphraseAttempts(vault, row.id);
    if (row.left_on !== null && row.left_on <= today) {
      vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'denied', details: { why: 'person has left' } });
    } else {
      vault.sql.run(qb.updateTable('operators').set({ last_signed_in_at: vault.clock.now().toISOString() }).where('person_id', '=', row.id));
      vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'ok' });
    }
  });
  if (row.left_on !== null && row.left_on <= today) {
    throw new CoreError('forbidden', `${row.email} has left the trust (on ${row.left_on}) and can no longer sign in.`);
  }
  return toOperator(row);
}
