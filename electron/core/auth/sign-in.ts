import type { ConsoleRole } from '../../../shared/domain/enums';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { decoyHash, throttleDelaySeconds, verifyPassphrase } from './passphrase';

/**
 * Checks an operator's passphrase. Every attempt is audited; wrong passphrases slow the
 * next attempt down (the wait is stored, so it holds across CLI processes); a person who
 * has left cannot sign in. Unknown emails cost the same scrypt work as known ones.
 */
export async function signIn(vault: Vault, email: string, passphrase: string): Promise<Operator> {
  const now = vault.clock.now();
  const row = vault.sql.first(
    qb
      .selectFrom('operators')
      .innerJoin('people', 'people.id', 'operators.person_id')
      .select([
        'people.id',
        'people.name',
        'people.email',
        'people.left_on',
        'operators.console_role',
        'operators.passphrase_hash',
        'operators.failed_attempts',
        'operators.locked_until',
      ])
      .where('people.email', '=', email),
  );
  const deny = (actorId: number | null, why: string, details: Record<string, unknown> = {}) =>
    vault.audit.append({ actorId, action: 'auth.sign_in', outcome: 'denied', details: { why, ...details } });

  if (row === undefined) {
    await verifyPassphrase(passphrase, await decoyHash());
    // No person to refer to by id; the address tried is kept so the attempt can be followed up.
    deny(null, 'unknown operator', { email });
    throw new CoreError('unauthenticated', 'That email and passphrase do not match a console operator.');
  }
  if (row.locked_until !== null && row.locked_until > now.toISOString()) {
    const wait = Math.ceil((Date.parse(row.locked_until) - now.getTime()) / 1000);
    deny(row.id, 'throttled', { waitSeconds: wait });
    throw new CoreError('throttled', `Too many wrong passphrases for ${row.email}. Try again in ${wait} s.`);
  }
  const matches = await verifyPassphrase(passphrase, row.passphrase_hash);
  if (!matches) {
    const failed = row.failed_attempts + 1;
    const delay = throttleDelaySeconds(failed);
    vault.sql.transaction(() => {
      vault.sql.run(
        qb
          .updateTable('operators')
          .set({ failed_attempts: failed, locked_until: delay > 0 ? new Date(now.getTime() + delay * 1000).toISOString() : null })
          .where('person_id', '=', row.id),
      );
      deny(row.id, 'wrong passphrase', { failedAttempts: failed });
    });
    throw new CoreError('unauthenticated', 'That email and passphrase do not match a console operator.');
  }
  if (row.left_on !== null && row.left_on <= now.toISOString().slice(0, 10)) {
    deny(row.id, 'person has left');
    throw new CoreError('forbidden', `${row.email} has left the trust (on ${row.left_on}) and can no longer sign in.`);
  }
  vault.sql.transaction(() => {
    vault.sql.run(qb.updateTable('operators').set({ failed_attempts: 0, locked_until: null }).where('person_id', '=', row.id));
    vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'ok' });
  });
  return { personId: row.id, name: row.name, email: row.email, consoleRole: row.console_role as ConsoleRole };
}
