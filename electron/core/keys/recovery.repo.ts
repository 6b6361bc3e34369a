import { qb, type Sql } from '../db/sql';
import { RECOVERY_RECIPIENT } from './secret-crypto';

/** The SQL of the recovery key: its public half, and the channels whose secrets it cannot open yet. */

export interface RecoveryKeyRow {
  boxPublic: string;
  createdAt: string;
  createdBy: number;
}

export function recoveryKeyRow(sql: Sql): RecoveryKeyRow | undefined {
  const row = sql.first(qb.selectFrom('recovery_key').select(['box_public', 'created_at', 'created_by']).where('id', '=', 1));
  return row === undefined ? undefined : { boxPublic: row.box_public, createdAt: row.created_at, createdBy: row.created_by };
}

/** When the kit was made and the name of who made it, for the Data page's card. */
export function recoveryKitMaker(sql: Sql): { createdAt: string; createdByName: string } | undefined {
  const row = sql.first(
    qb.selectFrom('recovery_key as k').leftJoin('people as p', 'p.id', 'k.created_by').select(['k.created_at', 'p.name']).where('k.id', '=', 1),
  );
  // A maker no longer on the register (a restore from another vault's people) is still a maker.
  return row === undefined ? undefined : { createdAt: row.created_at, createdByName: row.name ?? 'an administrator' };
}

/** One kit per vault: the CHECK (id = 1) and the primary key make a second insert fail. */
export function insertRecoveryKey(sql: Sql, boxPublic: string, at: string, by: number): void {
  sql.run(qb.insertInto('recovery_key').values({ id: 1, box_public: boxPublic, created_at: at, created_by: by }));
}

/** Channels this holder holds with a current (wrapped) secret the recovery key has no wrap of. */
export function channelsLackingRecoveryWrap(sql: Sql, holderId: number): { id: number; school_id: number | null }[] {
  return sql.all(
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
export function holderlessPlainChannels(sql: Sql): { id: number; school_id: number | null }[] {
  return sql.all(
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
export function isAdministrator(sql: Sql, personId: number): boolean {
  return sql.first(qb.selectFrom('operators').select('person_id').where('person_id', '=', personId).where('console_role', '=', 'admin')) !== undefined;
}
