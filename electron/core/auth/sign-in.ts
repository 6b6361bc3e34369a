import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { Operator } from '../handler-types';
import type { Vault } from '../vault/vault';
import { checkPassphrase, decoyHash, hashPassphraseWithKey, verifyPassphrase } from './passphrase';
import { clearThrottle, pruneDrainedThrottles, setThrottleEmptyAt, throttleEmptyAt, throttleKey } from './sign-in-throttle.repo';
import { passphraseContext } from './passphrase-context';
import { estimatePassphrase } from './passphrase-strength';
import { toOperator } from './sessions';
import { londonToday } from '../clock';
import { roleRefusal, UNCERTIFIED_ROLE_MESSAGE } from '../keys/role-certificate';
import { ACCOUNTS } from '../secrets/vault-secrets';

/** Wrong passphrases allowed in a row before the next attempt is refused. */
export const THROTTLE_LIMIT = 5;
/** A full count drains to zero in an hour, so one wrong try every 12 minutes is never refused. */
export const THROTTLE_DRAIN_MS = 60 * 60 * 1000;
const PER_ATTEMPT_MS = THROTTLE_DRAIN_MS / THROTTLE_LIMIT;

function waitText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `${seconds} s` : `${Math.ceil(seconds / 60)} minutes`;
}

/**
 * Counts a passphrase attempt for an address before it is checked, in one IMMEDIATE
 * transaction, so that parallel guesses (several windows or CLI processes) each count; the right
 * passphrase clears the count afterwards. The count is a leaky bucket: each attempt adds one, it
 * drains over an hour, and attempts are refused while it is at the limit. Every address is
 * counted alike, an operator's or not, so the answers cannot tell who is an operator.
 */
export async function beginPassphraseAttempt(vault: Vault, email: string, actorId: number | null, action: string): Promise<void> {
  const now = vault.clock.now().getTime();
  const db = vault.data;
  const refusedFor = await db.transaction(async (): Promise<number | null> => {
    await pruneDrainedThrottles(db, new Date(now).toISOString());
    const key = await throttleKey(db, email);
    const emptyAt = await throttleEmptyAt(db, key);
    const left = emptyAt === undefined ? 0 : Math.max(0, Date.parse(emptyAt) - now);
    const over = left - (THROTTLE_LIMIT - 1) * PER_ATTEMPT_MS;
    if (over > 0) {
      // As for an unknown operator below: an address that is nobody's is kept in the trail only.
      await vault.audit.append({ actorId, action, outcome: 'denied', details: { why: 'throttled', waitSeconds: Math.ceil(over / 1000), ...(actorId === null ? { email } : {}) } });
      return over;
    }
    await setThrottleEmptyAt(db, key, new Date(now + left + PER_ATTEMPT_MS).toISOString());
    return null;
  });
  if (refusedFor !== null) throw new CoreError('throttled', `Too many wrong passphrases. Try again in ${waitText(refusedFor)}.`);
}

export async function clearPassphraseAttempts(vault: Vault, email: string): Promise<void> {
  await clearThrottle(vault.data, await throttleKey(vault.data, email));
}

/** The migration from which every successful sign-in has checked the passphrase's strength. */
const STRENGTH_AT_SIGN_IN_MIGRATION = 14;

/**
 * Whether this passphrase has already been estimated at a sign-in, so that zxcvbn (one to two
 * seconds of CPU to load, more than the scrypt; the CLI signs in on every command) need not run
 * again: a successful sign-in came after the passphrase was last set and after sign-in began to
 * check strength (migration 14). Every successful sign-in since then either estimated the
 * passphrase or followed one that did (a weak one marks the operator, and a marked operator is
 * always estimated), and every way of setting a passphrase (change, reset, recovery, a new
 * operator) records passphrase_changed_at. Strict comparisons: equal times (a held clock) check.
 */
async function strengthCheckedAlready(vault: Vault, row: { must_change_passphrase: number; passphrase_changed_at: string; last_signed_in_at: string | null }): Promise<boolean> {
  if (row.must_change_passphrase === 1 || row.last_signed_in_at === null) return false;
  const since = await vault.data.first(qb.selectFrom('schema_migrations').select('applied_at').where('version', '=', STRENGTH_AT_SIGN_IN_MIGRATION));
  return since !== undefined && row.last_signed_in_at > row.passphrase_changed_at && row.last_signed_in_at > since.applied_at;
}

/**
 * Work begun now and awaited later: a failure is kept for the await (so a wrong passphrase,
 * which never awaits it, leaves no unhandled rejection) and thrown there, as if run then.
 */
function settled<T>(work: Promise<T>): () => Promise<T> {
  work.catch(() => undefined);
  return () => work;
}

/**
 * Checks an operator's passphrase. Every attempt is audited and counted by the throttle (kept in
 * the database, so it holds across CLI processes); a person who has left cannot sign in. Unknown
 * emails get the same answers, after the same scrypt work, as known ones.
 *
 * Returns the key that opens the person's own key (the same scrypt, split: auth/passphrase.ts).
 * A hash from before holders' keys gives none: it is replaced here, with a fresh salt, once.
 */
export async function signIn(
  vault: Vault,
  email: string,
  passphrase: string,
): Promise<{ operator: Operator; sealingKey: Uint8Array; enrolmentSeed: Uint8Array | null; personKeyEntry: () => Promise<string | null> }> {
  // Made without a scrypt (auth/passphrase.ts): an unknown address still costs one, in the check.
  const decoy = await decoyHash();
  const row = await vault.data.first(
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
        'operators.must_change_passphrase',
        'operators.passphrase_changed_at',
        'operators.last_signed_in_at',
      ])
      .where('people.email', '=', email),
  );
  await beginPassphraseAttempt(vault, email, row?.id ?? null, 'auth.sign_in');
  if (row === undefined) {
    await verifyPassphrase(passphrase, decoy);
    // No person to refer to by id; the address tried is kept so the attempt can be followed up.
    await vault.audit.append({ actorId: null, action: 'auth.sign_in', outcome: 'denied', details: { why: 'unknown operator', email } });
    throw new CoreError('unauthenticated', 'That email and passphrase do not match a console operator.');
  }
  const today = londonToday(vault.clock);
  const hasLeft = row.left_on !== null && row.left_on <= today;
  // Read-only checks that need no passphrase run while its scrypt does, on the thread pool (the
  // main thread is idle then; issue 14). Their answers are used only once the passphrase matched.
  // The role in the operators table counts only if a certificate chain gives it (keys/certify.ts).
  const certified = settled(hasLeft ? Promise.resolve(null) : roleRefusal(vault, { personId: row.id, email: row.email, consoleRole: row.console_role }));
  const strengthChecked = settled(hasLeft ? Promise.resolve(true) : strengthCheckedAlready(vault, row));
  // The person's sealed key too, a keychain round trip the sign-in would otherwise wait for after
  // the scrypt. Only ciphertext; opening it needs the scrypt's key (keys/unlock-person-key.ts).
  const personKeyEntry = settled(hasLeft ? Promise.resolve(null) : vault.secrets.get(ACCOUNTS.personKey(row.id)));
  const checked = await checkPassphrase(passphrase, row.passphrase_hash);
  if (!checked.ok) {
    await vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'denied', details: { why: 'wrong passphrase' } });
    throw new CoreError('unauthenticated', 'That email and passphrase do not match a console operator.');
  }
  // The only moment the plain passphrase is known: one set before strength was checked, and too
  // easy to guess, must be changed before anything else (the router holds the operator to it).
  // Checked once per passphrase, not at every sign-in (see strengthCheckedAlready).
  const weak = !hasLeft && !(await strengthChecked()) && !(await estimatePassphrase(passphrase, await passphraseContext(vault, row))).acceptable;
  const uncertified = await certified();
  const upgraded = hasLeft || uncertified !== null || checked.sealingKey !== null ? null : await hashPassphraseWithKey(passphrase);
  await vault.data.transaction(async () => {
    await clearPassphraseAttempts(vault, email);
    if (hasLeft) {
      await vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'denied', details: { why: 'person has left' } });
    } else if (uncertified !== null) {
      await vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'denied', details: { why: 'console role not certified', consoleRole: row.console_role, problem: uncertified } });
    } else {
      await vault.data.run(
        qb
          .updateTable('operators')
          .set({
            last_signed_in_at: vault.clock.now().toISOString(),
            ...(weak ? { must_change_passphrase: 1 } : {}),
            ...(upgraded === null ? {} : { passphrase_hash: upgraded.hash }),
          })
          .where('person_id', '=', row.id),
      );
      await vault.audit.append({ actorId: row.id, action: 'auth.sign_in', outcome: 'ok', ...(weak ? { details: { passphraseChangeRequired: true } } : {}) });
    }
  });
  if (uncertified !== null) {
    checked.sealingKey?.fill(0);
    checked.enrolmentSeed?.fill(0);
    throw new CoreError('forbidden', UNCERTIFIED_ROLE_MESSAGE);
  }
  if (hasLeft) {
    throw new CoreError('forbidden', `${row.email} has left the trust (on ${row.left_on}) and can no longer sign in.`);
  }
  const sealingKey = checked.sealingKey ?? upgraded?.sealingKey;
  if (sealingKey === undefined) throw new Error('a signed-in operator has no sealing key');
  // A hash from before holders' keys had no enrolment key any administrator certified: the new one's is of no use.
  upgraded?.enrolmentSeed.fill(0);
  return { operator: { ...toOperator(row), mustChangePassphrase: weak || row.must_change_passphrase === 1 }, sealingKey, enrolmentSeed: checked.enrolmentSeed, personKeyEntry };
}
