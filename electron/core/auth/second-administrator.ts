import { londonToday } from '../clock';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { checkPassphrase, decoyHash, verifyPassphrase } from './passphrase';
import { beginPassphraseAttempt, clearPassphraseAttempts } from './sign-in';

const NO_MATCH = "The second administrator's email and passphrase do not match an administrator who is still at the trust. Nothing was changed.";

/**
 * A second administrator's sign-in, given for one action by the administrator at the keyboard:
 * one scrypt, counted by the same throttle as sign-in, a failure audited under `action` like a
 * failed sign-in. An unknown address costs the same scrypt. Returns who vouched.
 */
export async function requireSecondAdministrator(
  vault: Vault,
  actor: Operator,
  second: { email: string; passphrase: string },
  action: string,
  target: string,
): Promise<{ personId: number; email: string }> {
  if (second.email === actor.email) {
    throw new CoreError('invalid_input', 'The second administrator must be someone other than you. Nothing was changed.', 'secondAdmin.email');
  }
  const decoy = await decoyHash();
  const row = await vault.data.first(
    qb
      .selectFrom('operators')
      .innerJoin('people', 'people.id', 'operators.person_id')
      .select(['people.id', 'people.email', 'people.left_on', 'operators.console_role', 'operators.passphrase_hash'])
      .where('people.email', '=', second.email),
  );
  // Guesses made through this door count against the second administrator's own sign-in.
  await beginPassphraseAttempt(vault, second.email, actor.personId, action);
  const today = londonToday(vault.clock);
  const eligible = row !== undefined && row.console_role === 'admin' && (row.left_on === null || row.left_on > today) ? row : undefined;
  let ok = false;
  if (eligible === undefined) {
    await verifyPassphrase(second.passphrase, decoy);
  } else {
    const checked = await checkPassphrase(second.passphrase, eligible.passphrase_hash);
    if (checked.ok) {
      checked.sealingKey?.fill(0);
      checked.enrolmentSeed?.fill(0);
    }
    ok = checked.ok;
  }
  if (!ok || eligible === undefined) {
    // The same words whichever part was wrong: the answer must not tell who is an administrator.
    await vault.audit.append({ actorId: actor.personId, action, target, outcome: 'denied', details: { why: 'second administrator not confirmed', secondAdministrator: second.email } });
    throw new CoreError('forbidden', NO_MATCH, 'secondAdmin');
  }
  await clearPassphraseAttempts(vault, second.email);
  return { personId: eligible.id, email: eligible.email };
}
