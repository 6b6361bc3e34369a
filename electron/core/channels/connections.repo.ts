import type { ConnectionView } from '../../../shared/contract/views';
import type { Platform } from '../../../shared/domain/enums';
import { qb, type Sql } from '../db/sql';
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
    ]);
}

export function connectionRow(sql: Sql, channelId: number): ConnectionRow | undefined {
  return sql.first(connectionsQuery().where('cc.channel_id', '=', channelId));
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
  };
}

/** The platform said the token no longer works: the channel's targets wait until it is reconnected. */
export function markReconnectNeeded(sql: Sql, channelId: number, reason: string): void {
  sql.run(qb.updateTable('channel_connections').set({ status: 'reconnect-needed', last_error: reason }).where('channel_id', '=', channelId));
}
