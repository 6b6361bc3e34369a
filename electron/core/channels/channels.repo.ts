import type { ChannelView } from '../../../shared/contract/views';
import type { Platform, SecretKind, TwoFactorState } from '../../../shared/domain/enums';
import { formatChannelRef, parseChannelRef } from '../../../shared/domain/handle';
import { qb, type Sql } from '../db/sql';
import { CoreError } from '../errors';

export interface ChannelRow {
  id: number;
  platform: string;
  handle: string;
  name: string;
  school_id: number | null;
  school: string | null;
  registration_email: string | null;
  mailbox_dedicated: number | null;
  mailbox_access: string;
  two_factor: string;
  purpose: string | null;
}

function channelsQuery() {
  return qb
    .selectFrom('channels')
    .leftJoin('schools', 'schools.id', 'channels.school_id')
    .select([
      'channels.id',
      'channels.platform',
      'channels.handle',
      'channels.name',
      'channels.school_id',
      'schools.code as school',
      'channels.registration_email',
      'channels.mailbox_dedicated',
      'channels.mailbox_access',
      'channels.two_factor',
      'channels.purpose',
    ]);
}

export function channelLabel(row: { platform: string; handle: string }): string {
  return formatChannelRef(row.platform as Platform, row.handle);
}

function secretKindsByChannel(sql: Sql): Map<number, SecretKind[]> {
  const map = new Map<number, SecretKind[]>();
  for (const row of sql.all(qb.selectFrom('secrets').select(['channel_id', 'kind']).orderBy('kind'))) {
    map.set(row.channel_id, [...(map.get(row.channel_id) ?? []), row.kind as SecretKind]);
  }
  return map;
}

function toView(row: ChannelRow, secrets: SecretKind[]): ChannelView {
  return {
    id: row.id,
    platform: row.platform as Platform,
    handle: row.handle,
    name: row.name,
    school: row.school,
    registrationEmail: row.registration_email,
    mailboxDedicated: row.mailbox_dedicated === null ? null : row.mailbox_dedicated === 1,
    mailboxAccess: JSON.parse(row.mailbox_access) as string[],
    twoFactor: row.two_factor as TwoFactorState,
    purpose: row.purpose,
    secrets,
  };
}

export function listChannels(sql: Sql): ChannelView[] {
  const secrets = secretKindsByChannel(sql);
  // The trust's own channels first, then each school's.
  return sql
    .all(channelsQuery().orderBy('schools.code').orderBy('channels.platform').orderBy('channels.handle'))
    .map((row) => toView(row, secrets.get(row.id) ?? []));
}

export function channelView(sql: Sql, id: number): ChannelView {
  return toView(channelById(sql, id), secretKindsByChannel(sql).get(id) ?? []);
}

export function channelById(sql: Sql, id: number): ChannelRow {
  const row = sql.first(channelsQuery().where('channels.id', '=', id));
  if (row === undefined) throw new CoreError('not_found', `No channel has the id ${id}.`, 'channel');
  return row;
}

/** Resolves CHANNEL: `platform:handle` (case-insensitive, @ optional) or the numeric id. */
export function resolveChannel(sql: Sql, text: string): ChannelRow {
  const ref = parseChannelRef(text);
  if (ref === null) throw new CoreError('invalid_input', 'channel must be platform:handle or a channel id.', 'channel');
  if ('id' in ref) return channelById(sql, ref.id);
  const row = sql.first(channelsQuery().where('channels.platform', '=', ref.platform).where('channels.handle_key', '=', ref.key));
  if (row === undefined) {
    throw new CoreError('not_found', `No ${ref.platform} channel has the handle ${text.slice(text.indexOf(':') + 1).trim()}.`, 'channel');
  }
  return row;
}
