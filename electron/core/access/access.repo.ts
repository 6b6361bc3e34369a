import type { GrantView } from '../../../shared/contract/views';
import type { Platform } from '../../../shared/domain/enums';
import { formatChannelRef } from '../../../shared/domain/handle';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
import { deleteWrapsOf, personPublicKeys, setRotationDue, wrapCount, wrappedSecrets } from '../keys/keys.repo';
import { personRecipient } from '../keys/secret-crypto';
import type { Vault } from '../vault/vault';

function grantsQuery() {
  return qb
    .selectFrom('access_grants as g')
    .innerJoin('channels as c', 'c.id', 'g.channel_id')
    .innerJoin('people as holder', 'holder.id', 'g.person_id')
    .innerJoin('people as granter', 'granter.id', 'g.granted_by')
    .leftJoin('people as revoker', 'revoker.id', 'g.revoked_by')
    .select([
      'g.id',
      'g.channel_id',
      'c.platform',
      'c.handle',
      'holder.email as holder_email',
      'holder.name as holder_name',
      'granter.email as granted_by',
      'g.granted_at',
      'revoker.email as revoked_by',
      'g.revoked_at',
      'g.revoke_reason',
      'g.person_id',
    ]);
}

type GrantRow = {
  id: number;
  channel_id: number;
  platform: string;
  handle: string;
  holder_email: string;
  holder_name: string;
  granted_by: string;
  granted_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  person_id: number;
};

/**
 * Whether a current grant can open its channel's secrets yet: it can when the holder has a wrap of
 * every current (wrapped) secret; else it waits for their key (none made yet) or for a holder.
 */
export async function grantPending(db: Db, channelId: number, personId: number): Promise<GrantView['pending']> {
  const secrets = (await wrappedSecrets(db, channelId)).length;
  const wraps = secrets === 0 ? 0 : await wrapCount(db, channelId, personRecipient(personId));
  if (secrets === 0 || wraps >= secrets) return null;
  const keyed = (await personPublicKeys(db, personId)) !== undefined;
  const operator = keyed || (await db.first(qb.selectFrom('operators').select('person_id').where('person_id', '=', personId))) !== undefined;
  return pendingState(secrets, wraps, () => keyed, () => operator);
}

function pendingState(secrets: number, wraps: number, keyed: () => boolean, operator: () => boolean): GrantView['pending'] {
  if (secrets === 0 || wraps >= secrets) return null;
  if (keyed()) return 'waiting-for-holder';
  return operator() ? 'waiting-for-key' : 'outside-custodian';
}

type PendingOf = (channelId: number, personId: number) => GrantView['pending'];

/** The four queries behind pendingIndex: run on either handle, then indexed the same way. */
const pendingQueries = {
  secrets: () => qb.selectFrom('secrets').select((eb) => ['channel_id', eb.fn.countAll<number>().as('n')]).where('storage', '=', 'wrapped').groupBy('channel_id'),
  wraps: () =>
    qb
      .selectFrom('secret_wraps as w')
      .innerJoin('secrets as s', (join) => join.onRef('s.channel_id', '=', 'w.channel_id').onRef('s.kind', '=', 'w.kind').onRef('s.version', '=', 'w.version'))
      .select((eb) => ['w.channel_id', 'w.recipient', eb.fn.countAll<number>().as('n')])
      .groupBy(['w.channel_id', 'w.recipient']),
  keyed: () => qb.selectFrom('person_keys').select('person_id').where('retired_at', 'is', null),
  operators: () => qb.selectFrom('operators').select('person_id'),
};

type PendingRows = {
  secrets: { channel_id: number; n: number }[];
  wraps: { channel_id: number; recipient: string; n: number }[];
  keyed: { person_id: number }[];
  operators: { person_id: number }[];
};

/**
 * grantPending for a whole list in four queries instead of up to four per grant: the access list
 * and the dashboard of a big trust (thousands of current grants) read it on every load.
 */
async function pendingIndex(db: Db): Promise<PendingOf> {
  return indexPending({
    secrets: await db.all(pendingQueries.secrets()),
    wraps: await db.all(pendingQueries.wraps()),
    keyed: await db.all(pendingQueries.keyed()),
    operators: await db.all(pendingQueries.operators()),
  });
}

function indexPending(rows: PendingRows): PendingOf {
  const secrets = new Map(rows.secrets.map((row) => [row.channel_id, Number(row.n)]));
  const wraps = new Map(rows.wraps.map((row) => [`${row.channel_id} ${row.recipient}`, Number(row.n)]));
  const keyed = new Set(rows.keyed.map((row) => row.person_id));
  const operators = new Set(rows.operators.map((row) => row.person_id));
  return (channelId, personId) =>
    pendingState(
      secrets.get(channelId) ?? 0,
      wraps.get(`${channelId} ${personRecipient(personId)}`) ?? 0,
      () => keyed.has(personId),
      () => operators.has(personId),
    );
}

function toView(pendingOf: PendingOf, row: GrantRow): GrantView {
  return {
    id: row.id,
    channelId: row.channel_id,
    channel: formatChannelRef(row.platform as Platform, row.handle),
    holderEmail: row.holder_email,
    holderName: row.holder_name,
    grantedBy: row.granted_by,
    grantedAt: row.granted_at,
    revokedBy: row.revoked_by,
    revokedAt: row.revoked_at,
    revokeReason: row.revoke_reason,
    current: row.revoked_at === null,
    pending: row.revoked_at === null ? pendingOf(row.channel_id, row.person_id) : null,
  };
}

function grantsFiltered(filter: { channelId?: number; includeRevoked: boolean }) {
  let query = grantsQuery();
  if (filter.channelId !== undefined) query = query.where('g.channel_id', '=', filter.channelId);
  if (!filter.includeRevoked) query = query.where('g.revoked_at', 'is', null);
  return query.orderBy('c.platform').orderBy('c.handle').orderBy('holder.email').orderBy('g.id');
}

export async function listGrants(db: Db, filter: { channelId?: number; includeRevoked: boolean }): Promise<GrantView[]> {
  const pendingOf = await pendingIndex(db);
  return (await db.all(grantsFiltered(filter))).map((row) => toView(pendingOf, row));
}

export async function grantView(db: Db, id: number): Promise<GrantView> {
  const row = await db.first(grantsQuery().where('g.id', '=', id));
  if (row === undefined) throw new Error(`grant ${id} vanished`);
  // A revoked grant waits for nothing: its pending state is not read.
  const pending = row.revoked_at === null ? await grantPending(db, row.channel_id, row.person_id) : null;
  return toView(() => pending, row);
}

const currentGrantQuery = (channelId: number, personId: number) =>
  qb
    .selectFrom('access_grants')
    .select('id')
    .where('channel_id', '=', channelId)
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null);

/** The grant is the permission: the current grant of this person for this channel, if any. */
export async function currentGrantId(db: Db, channelId: number, personId: number): Promise<number | null> {
  return (await db.first(currentGrantQuery(channelId, personId)))?.id ?? null;
}

/**
 * Revokes every current grant of a person (a leaver), each audited like a revocation.
 * Call inside the caller's transaction. Returns the channels, for the rotation advice.
 */
export async function revokeAllFor(vault: Vault, actorId: number, personId: number, reason: string): Promise<string[]> {
  const db = vault.data;
  const at = vault.clock.now().toISOString();
  const current = await db.all(
    qb
      .selectFrom('access_grants as g')
      .innerJoin('channels as c', 'c.id', 'g.channel_id')
      .select(['g.id', 'g.channel_id', 'c.school_id', 'c.platform', 'c.handle'])
      .where('g.person_id', '=', personId)
      .where('g.revoked_at', 'is', null)
      .orderBy('c.platform')
      .orderBy('c.handle'),
  );
  for (const grant of current) {
    await db.run(qb.updateTable('access_grants').set({ revoked_by: actorId, revoked_at: at, revoke_reason: reason }).where('id', '=', grant.id));
    const wrapsDeleted = await revokeKeys(db, grant.channel_id, personId, at);
    await vault.audit.append({
      actorId,
      action: 'access.revoke',
      target: `person:${personId}`,
      channelId: grant.channel_id,
      schoolId: grant.school_id,
      reason,
      outcome: 'ok',
      details: { grantId: grant.id, channelId: grant.channel_id, personId, wrapsDeleted },
    });
  }
  return current.map((grant) => formatChannelRef(grant.platform as Platform, grant.handle));
}

/**
 * Revoke's keys half, in the revoke's transaction: the person's wraps of the channel go, and a
 * channel with secrets is due a new value (they may have seen it; rotation is the real revocation).
 */
export async function revokeKeys(db: Db, channelId: number, personId: number, at: string): Promise<number> {
  const deleted = await deleteWrapsOf(db, personId, channelId);
  const hasSecrets = (await db.first(qb.selectFrom('secrets').select('kind').where('channel_id', '=', channelId))) !== undefined;
  const due = (await db.first(qb.selectFrom('channels').select('rotation_due_since').where('id', '=', channelId)))?.rotation_due_since ?? null;
  if (hasSecrets && due === null) await setRotationDue(db, channelId, at);
  return deleted;
}

/**
 * The one writer of a grant: the access_grants row and its access.grant event, whose details
 * { grantId, channelId, personId } are what verify's register replay explains the row by
 * (audit/register-replay.ts). `details` adds why (set the secret, recovery ceremony) or the
 * pending state. Call inside the caller's transaction; returns the grant's id.
 */
export async function recordGrant(
  vault: Vault,
  grant: { channelId: number; schoolId: number | null; personId: number; actorId: number; at: string },
  details: Record<string, unknown> = {},
  recordedAt?: Date,
): Promise<number> {
  const row = await vault.data.first(
    qb.insertInto('access_grants').values({ channel_id: grant.channelId, person_id: grant.personId, granted_by: grant.actorId, granted_at: grant.at }).returning('id'),
  );
  if (row === undefined) throw new Error('insert returned nothing');
  await vault.audit.append({
    actorId: grant.actorId,
    action: 'access.grant',
    target: `person:${grant.personId}`,
    channelId: grant.channelId,
    schoolId: grant.schoolId,
    outcome: 'ok',
    // Admins may grant themselves; the trail says so plainly.
    details: { grantId: row.id, channelId: grant.channelId, personId: grant.personId, selfGrant: grant.personId === grant.actorId, ...details },
  }, recordedAt);
  return row.id;
}
