import type { ConnectionView } from '../../../shared/contract/views';
import type { Platform } from '../../../shared/domain/enums';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { addNotification } from '../notifications/notifications.repo';
import { channelLabel } from './channels.repo';

export interface ConnectionRow {
  channel_id: number;
  platform: string;
  handle: string;
  school_id: number | null;
  account_id: string;
  api_base: string | null;
  connected_at: string;
  connected_by_email: string;
  status: 'connected' | 'reconnect-needed';
  last_error: string | null;
  auth: 'token' | 'oauth';
  token_expires_at: string | null;
}

function connectionsQuery() {
  return qb
    .selectFrom('channel_connections as cc')
    .innerJoin('channels as c', 'c.id', 'cc.channel_id')
    .innerJoin('people as p', 'p.id', 'cc.connected_by')
    .select([
      'cc.channel_id',
      'c.platform',
      'c.handle',
      'c.school_id',
      'cc.account_id',
      'cc.api_base',
      'cc.connected_at',
      'p.email as connected_by_email',
      'cc.status',
      'cc.last_error',
      'cc.auth',
      'cc.token_expires_at',
    ]);
}

export function connectionRow(db: Db, channelId: number): Promise<ConnectionRow | undefined> {
  return db.first(connectionsQuery().where('cc.channel_id', '=', channelId));
}

export function connectionRows(db: Db): Promise<ConnectionRow[]> {
  return db.all(connectionsQuery().orderBy('c.school_id').orderBy('c.platform').orderBy('c.handle'));
}

export function connectionToView(row: ConnectionRow): ConnectionView {
  return {
    channel: channelLabel(row),
    platform: row.platform as Platform,
    accountId: row.account_id,
    apiBase: row.api_base,
    connectedAt: row.connected_at,
    connectedBy: row.connected_by_email,
    status: row.status,
    lastError: row.last_error,
    auth: row.auth,
    tokenExpiresAt: row.token_expires_at,
  };
}

/**
 * The platform said the token no longer works (or the refresh token was refused): the channel's
 * targets wait until it is reconnected, and the administrators are told in the app's notices.
 * A no-op when it is already waiting (one notice per lapse, however many posts hit it).
 */
export async function markReconnectNeeded(db: Db, channel: { id: number; platform: string; handle: string; school_id: number | null }, reason: string, at: string): Promise<void> {
  const result = await db.run(
    qb.updateTable('channel_connections').set({ status: 'reconnect-needed', last_error: reason }).where('channel_id', '=', channel.id).where('status', '=', 'connected'),
  );
  if (result.changes !== 1) return;
  await addNotification(db, {
    kind: 'channel-reconnect-needed',
    // A channel may lapse more than once: each lapse is its own notice.
    subject: `channel:${channel.id}@${at}`,
    schoolId: channel.school_id,
    message: `${channelLabel(channel)} must be connected again (Channels, or custodian channel connect): its posts wait until then. ${reason}`,
    at,
  });
}
