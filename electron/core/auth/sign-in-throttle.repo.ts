import { createHash } from 'node:crypto';
import { qb, type Sql } from '../db/sql';

/**
 * The rows of the sign-in throttle (migrations/…_sign_in_throttle.sql): per address tried, the
 * moment its count of wrong passphrases will have drained to zero.
 */

/** The key of an address: its normalised form hashed with the vault's id, never the address. */
export function throttleKey(sql: Sql, email: string): string {
  const vaultId = sql.first(qb.selectFrom('vault').select('vault_id').where('id', '=', 1))?.vault_id ?? '';
  return createHash('sha256').update(`sign-in-throttle\n${vaultId}\n${email.trim().toLowerCase()}`).digest('hex');
}

export function throttleEmptyAt(sql: Sql, key: string): string | undefined {
  return sql.first(qb.selectFrom('sign_in_throttle').select('empty_at').where('key', '=', key))?.empty_at;
}

export function setThrottleEmptyAt(sql: Sql, key: string, emptyAt: string): void {
  sql.run(qb.insertInto('sign_in_throttle').values({ key, empty_at: emptyAt }).onConflict((oc) => oc.column('key').doUpdateSet({ empty_at: emptyAt })));
}

export function clearThrottle(sql: Sql, key: string): void {
  sql.run(qb.deleteFrom('sign_in_throttle').where('key', '=', key));
}

/** Rows whose count has drained keep nothing worth keeping (not even that the address was tried). */
export function pruneDrainedThrottles(sql: Sql, nowIso: string): void {
  sql.run(qb.deleteFrom('sign_in_throttle').where('empty_at', '<=', nowIso));
}
