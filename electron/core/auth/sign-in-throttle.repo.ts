import { createHash } from 'node:crypto';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

/**
 * The rows of the sign-in throttle (migrations/…_sign_in_throttle.sql): per address tried, the
 * moment its count of wrong passphrases will have drained to zero.
 */

/** The key of an address: its normalised form hashed with the vault's id, never the address. */
export async function throttleKey(db: Db, email: string): Promise<string> {
  const vaultId = (await db.first(qb.selectFrom('vault').select('vault_id').where('id', '=', 1)))?.vault_id ?? '';
  return createHash('sha256').update(`sign-in-throttle\n${vaultId}\n${email.trim().toLowerCase()}`).digest('hex');
}

export async function throttleEmptyAt(db: Db, key: string): Promise<string | undefined> {
  return (await db.first(qb.selectFrom('sign_in_throttle').select('empty_at').where('key', '=', key)))?.empty_at;
}

export async function setThrottleEmptyAt(db: Db, key: string, emptyAt: string): Promise<void> {
  await db.run(qb.insertInto('sign_in_throttle').values({ key, empty_at: emptyAt }).onConflict((oc) => oc.column('key').doUpdateSet({ empty_at: emptyAt })));
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.run(qb.deleteFrom('sign_in_throttle').where('key', '=', key));
}

/** Rows whose count has drained keep nothing worth keeping (not even that the address was tried). */
export async function pruneDrainedThrottles(db: Db, nowIso: string): Promise<void> {
  await db.run(qb.deleteFrom('sign_in_throttle').where('empty_at', '<=', nowIso));
}
