import { createHash } from 'node:crypto';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';

/**
 * The register (who holds each channel's login details) and the console roles, as the rows
 * say now, in one canonical shape. `audit verify` replays register and role events from the
 * latest snapshot event to the head and compares the result with the tables; a snapshot is
 * written where the trail cannot explain the rows by itself: when an older vault is upgraded
 * (its v1 events did not record every change) and when a backup is restored (the register
 * goes back to the backup's).
 *
 * grants: [grantId, channelId, personId, revoked (0|1)] sorted by grantId;
 * roles: [personId, consoleRole] sorted by personId.
 */
export interface RegisterSnapshot {
  grants: Array<[number, number, number, 0 | 1]>;
  roles: Array<[number, string]>;
}

/** The action of a snapshot event; its details are { register: RegisterSnapshot, digest }. */
export const REGISTER_SNAPSHOT_ACTION = 'register.snapshot';

export async function readRegisterSnapshot(db: Db): Promise<RegisterSnapshot> {
  const grants = (await db.all(qb.selectFrom('access_grants').select(['id', 'channel_id', 'person_id', 'revoked_at']).orderBy('id'))).map((row): [number, number, number, 0 | 1] => [row.id, row.channel_id, row.person_id, row.revoked_at === null ? 0 : 1]);
  const roles = (await db.all(qb.selectFrom('operators').select(['person_id', 'console_role']).orderBy('person_id'))).map((row): [number, string] => [row.person_id, row.console_role]);
  return { grants, roles };
}

/** SHA-256 of the snapshot's JSON: what a restore event records as "the restored register". */
export function registerDigest(snapshot: RegisterSnapshot): string {
  return createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
}
