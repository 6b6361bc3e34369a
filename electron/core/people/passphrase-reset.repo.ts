import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { retirePersonKey } from '../keys/keys.repo';

/**
 * The one step that sets an administrator-chosen passphrase on an existing operator: it is
 * one-time (changed at their next sign-in, before anything else), and the key sealed under the
 * old one is retired with its wraps, so nothing the person held opens until a holder re-makes
 * their wraps for the key they make after the change. Runs inside the caller's transaction.
 */
export async function setOneTimePassphrase(db: Db, personId: number, passphraseHash: string, at: string): Promise<{ keyRetired: boolean; wrapsDropped: number }> {
  await db.run(
    qb
      .updateTable('operators')
      .set({ passphrase_hash: passphraseHash, passphrase_changed_at: at, must_change_passphrase: 1, failed_attempts: 0, locked_until: null })
      .where('person_id', '=', personId),
  );
  const { retired, wrapsDropped } = await retirePersonKey(db, personId, at);
  return { keyRetired: retired, wrapsDropped };
}

/** The person's current grants of channels whose secrets are held as ciphertext: each waits for their new key. */
export async function wrappedGrantCount(db: Db, personId: number): Promise<number> {
  const row = await db.first(
    qb
      .selectFrom('access_grants as g')
      .select((eb) => eb.fn.count<number>('g.id').distinct().as('n'))
      .innerJoin('secrets as s', (join) => join.onRef('s.channel_id', '=', 'g.channel_id').on('s.storage', '=', 'wrapped'))
      .where('g.person_id', '=', personId)
      .where('g.revoked_at', 'is', null),
  );
  return Number(row?.n ?? 0);
}
