import type { ChannelView } from '../../../shared/contract/views';
import type { Platform, SecretKind, TwoFactorState } from '../../../shared/domain/enums';
import { formatChannelRef, parseChannelRef } from '../../../shared/domain/handle';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
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
  rotation_due_since: string | null;
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
      'channels.rotation_due_since',
    ]);
}

export function channelLabel(row: { platform: string; handle: string }): string {
  return formatChannelRef(row.platform as Platform, row.handle);
}

interface ChannelSecrets {
  kinds: SecretKind[];
  notMoved: SecretKind[];
}

const secretKindsQuery = () => qb.selectFrom('secrets').select(['channel_id', 'kind', 'storage']).orderBy('kind');

function secretKindsByChannel(rows: { channel_id: number; kind: string; storage: string }[]): Map<number, ChannelSecrets> {
  const map = new Map<number, ChannelSecrets>();
  for (const row of rows) {
    const entry = map.get(row.channel_id) ?? { kinds: [], notMoved: [] };
    entry.kinds.push(row.kind as SecretKind);
    if (row.storage !== 'wrapped') entry.notMoved.push(row.kind as SecretKind);
    map.set(row.channel_id, entry);
  }
  return map;
}

const NO_SECRETS: ChannelSecrets = { kinds: [], notMoved: [] };

function toView(row: ChannelRow, secrets: ChannelSecrets): ChannelView {
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
    secrets: secrets.kinds,
    notMoved: secrets.notMoved,
    rotationDueSince: row.rotation_due_since,
  };
}

// The trust's own channels first, then each school's.
const listQuery = () => channelsQuery().orderBy('schools.code').orderBy('channels.platform').orderBy('channels.handle');

export async function listChannels(db: Db): Promise<ChannelView[]> {
  const secrets = secretKindsByChannel(await db.all(secretKindsQuery()));
  return (await db.all(listQuery())).map((row) => toView(row, secrets.get(row.id) ?? NO_SECRETS));
}

export async function channelView(db: Db, id: number): Promise<ChannelView> {
  const row = await channelById(db, id);
  return toView(row, secretKindsByChannel(await db.all(secretKindsQuery())).get(id) ?? NO_SECRETS);
}

export async function channelById(db: Db, id: number): Promise<ChannelRow> {
  return channelFound(await db.first(channelsQuery().where('channels.id', '=', id)), id);
}

function channelFound(row: ChannelRow | undefined, id: number): ChannelRow {
  if (row === undefined) throw new CoreError('not_found', `No channel has the id ${id}.`, 'channel');
  return row;
}

/** Resolves CHANNEL: `platform:handle` (case-insensitive, @ optional) or the numeric id. */
export async function resolveChannel(db: Db, text: string): Promise<ChannelRow> {
  const ref = channelRef(text);
  if ('id' in ref) return channelById(db, ref.id);
  return handleFound(await db.first(byHandle(ref)), ref.platform, text);
}

function channelRef(text: string): NonNullable<ReturnType<typeof parseChannelRef>> {
  const ref = parseChannelRef(text);
  if (ref === null) throw new CoreError('invalid_input', 'channel must be platform:handle or a channel id.', 'channel');
  return ref;
}

function byHandle(ref: { platform: string; key: string }) {
  return channelsQuery().where('channels.platform', '=', ref.platform as Platform).where('channels.handle_key', '=', ref.key);
}

function handleFound(row: ChannelRow | undefined, platform: string, text: string): ChannelRow {
  if (row === undefined) {
    throw new CoreError('not_found', `No ${platform} channel has the handle ${text.slice(text.indexOf(':') + 1).trim()}.`, 'channel');
  }
  return row;
}
