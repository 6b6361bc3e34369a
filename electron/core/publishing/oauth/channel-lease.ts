import type { Clock } from '../../clock';
import type { Db } from '../../db/db.port';
import { qb } from '../../db/sql';

/**
 * The short lease in channel_connections (refresh_owner, refresh_until) that says who may write
 * a channel's tokens to the keychain now: a token refresh (channel-tokens.ts), or a (re)connect
 * (connection-store.ts), which takes it before it writes the keychain so a refresh already on
 * its way sees the channel is no longer its own and drops its answer. A lease whose time has
 * run out may be taken over (its holder crashed or hangs). Each step is one statement, atomic
 * by itself: no transaction is held while anyone waits.
 */

export const LEASE_MS = 60_000;
export const WAIT_STEP_MS = 200;

/** Takes the channel's lease for `owner` if nobody holds a live one. False: held (or no connection row). */
export async function takeLease(data: Db, clock: Clock, channelId: number, owner: string): Promise<boolean> {
  const now = clock.now();
  const taken = await data.run(
    qb
      .updateTable('channel_connections')
      .set({ refresh_owner: owner, refresh_until: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where('channel_id', '=', channelId)
      .where((eb) => eb.or([eb('refresh_owner', 'is', null), eb('refresh_until', '<', now.toISOString())])),
  );
  return taken.changes === 1;
}

/**
 * True while `owner` still holds the channel's lease, which is renewed for another full term,
 * so it cannot run out during the keychain writes that follow. False once a reconnect (or a
 * runner that took over a lease that had run out) has it, or a disconnect dropped the row.
 */
export async function stillHeld(data: Db, clock: Clock, channelId: number, owner: string): Promise<boolean> {
  const renewed = await data.run(
    qb
      .updateTable('channel_connections')
      .set({ refresh_until: new Date(clock.now().getTime() + LEASE_MS).toISOString() })
      .where('channel_id', '=', channelId)
      .where('refresh_owner', '=', owner),
  );
  return renewed.changes === 1;
}

/** Gives the lease back, if `owner` still holds it. */
export async function releaseLease(data: Db, channelId: number, owner: string): Promise<void> {
  await data.run(qb.updateTable('channel_connections').set({ refresh_owner: null, refresh_until: null }).where('channel_id', '=', channelId).where('refresh_owner', '=', owner));
}

/** True when someone holds the channel's lease and its time has not run out. */
export function leaseLive(row: { refresh_owner: string | null; refresh_until: string | null }, now: Date): boolean {
  return row.refresh_owner !== null && row.refresh_until !== null && row.refresh_until >= now.toISOString();
}
