import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { RECOVERY_RECIPIENT } from './secret-crypto';

/** The SQL of the recovery key: its public half, and the channels whose secrets it cannot open yet. */

export interface RecoveryKeyRow {
  boxPublic: string;
  createdAt: string;
  createdBy: number;
}

export async function recoveryKeyRow(db: Db): Promise<RecoveryKeyRow | undefined> {
  const row = await db.first(qb.selectFrom('recovery_key').select(['box_public', 'created_at', 'created_by']).where('id', '=', 1));
  return row === undefined ? undefined : { boxPublic: row.box_public, createdAt: row.created_at, createdBy: row.created_by };
}

/** When the kit was made and the name of who made it, for the Data page's card. */
export async function recoveryKitMaker(db: Db): Promise<{ createdAt: string; createdByName: string } | undefined> {
  const row = await db.first(
    qb.selectFrom('recovery_key as k').leftJoin('people as p', 'p.id', 'k.created_by').select(['k.created_at', 'p.name']).where('k.id', '=', 1),
  );
  // A maker no longer on the register (a restore from another vault's people) is still a maker.
  return row === undefined ? undefined : { createdAt: row.created_at, createdByName: row.name ?? 'an administrator' };
}

/** One kit per vault: the CHECK (id = 1) and the primary key make a second insert fail. */
export async function insertRecoveryKey(db: Db, boxPublic: string, at: string, by: number): Promise<void> {
  await db.run(qb.insertInto('recovery_key').values({ id: 1, box_public: boxPublic, created_at: at, created_by: by }));
}

/** Channels this holder holds with a current (wrapped) secret the recovery key has no wrap of. */
export async function channelsLackingRecoveryWrap(db: Db, holderId: number): Promise<{ id: number; school_id: number | null }[]> {
  return db.all(
    qb
      .selectFrom('secrets as s')
      .innerJoin('channels as c', 'c.id', 's.channel_id')
      .leftJoin('secret_wraps as w', (join) =>
        join.onRef('w.channel_id', '=', 's.channel_id').onRef('w.kind', '=', 's.kind').onRef('w.version', '=', 's.version').on('w.recipient', '=', RECOVERY_RECIPIENT),
      )
      .select(['c.id', 'c.school_id'])
      .distinct()
      .where('s.storage', '=', 'wrapped')
      .where('w.recipient', 'is', null)
      .where('s.channel_id', 'in', (eb) =>
        eb.selectFrom('access_grants as g').select('g.channel_id').where('g.person_id', '=', holderId).where('g.revoked_at', 'is', null),
      )
      .orderBy('c.id'),
  );
}

/** Channels with secrets still plain in the keychain (not moved) and no current holder to move them. */
export async function holderlessPlainChannels(db: Db): Promise<{ id: number; school_id: number | null }[]> {
  return db.all(
    qb
      .selectFrom('secrets as s')
      .innerJoin('channels as c', 'c.id', 's.channel_id')
      .select(['c.id', 'c.school_id'])
      .distinct()
      .where('s.storage', 'in', ['keychain', 'sealed'])
      .where('s.channel_id', 'not in', (eb) => eb.selectFrom('access_grants as g').select('g.channel_id').where('g.revoked_at', 'is', null))
      .orderBy('c.id'),
  );
}

/** Whether this person is an administrator now (the holderless move is theirs to do). */
export async function isAdministrator(db: Db, personId: number): Promise<boolean> {
  return (await db.first(qb.selectFrom('operators').select('person_id').where('person_id', '=', personId).where('console_role', '=', 'admin'))) !== undefined;
}
