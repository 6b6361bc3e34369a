import { chainHash, chainMac, type ChainFields } from '../audit/audit-chain';
import { chainHashV2, type ChainFieldsV2 } from '../audit/audit-chain-v2';
import { REGISTER_SNAPSHOT_ACTION } from '../audit/register-snapshot';
import { jsonFieldText } from '../db/json-field';
import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';

/**
 * Whether the trail vouches for a grant that a holder is about to complete (seal the channel's
 * keys to the grantee). The access_grants row alone is not enough: anyone who can write the
 * database file could add one, and the next holder at work would then seal every secret of the
 * channel to the forger's key. So the latest trail event about the grant (its access.grant or
 * access.revoke, or the register snapshot of an upgrade or of a restore) must say it is current for
 * that channel and person, and that event must carry a MAC made with the vault's keychain key.
 *
 * This stops an attacker who has the database but not the keychain. One who has both (a same-user
 * program) can forge MACs: closing that needs grants signed by a certified administrator key
 * (the trust root, design: keys-and-server.md), a later slice.
 */

export type EventRow = ChainFields & Partial<Pick<ChainFieldsV2, 'actor_commit' | 'target_commit' | 'channel_commit'>> & { version: number | null; prev_hash: string; hash: string; mac: string };

export interface PendingGrant {
  id: number;
  channel_id: number;
  person_id: number;
}

/** Refusals are remembered for the life of the vault object: a forged row is looked up once, not on every call. */
const refused = new WeakMap<Vault, Set<string>>();

export async function grantVouchedByTrail(vault: Vault, grant: PendingGrant): Promise<boolean> {
  const key = `${grant.id}/${grant.channel_id}/${grant.person_id}`;
  const known = refused.get(vault) ?? new Set<string>();
  refused.set(vault, known);
  if (known.has(key)) return false;
  const vouched = await lookUp(vault, grant);
  if (!vouched) known.add(key);
  return vouched;
}

async function lookUp(vault: Vault, grant: PendingGrant): Promise<boolean> {
  const grantId = jsonFieldText(vault.data.engine, 'details', 'grantId');
  const rows = (await vault.data.all(
    qb
      .selectFrom('audit_events')
      .selectAll()
      .where('outcome', '=', 'ok')
      .where((eb) =>
        eb.or([
          eb.and([eb('action', 'in', ['access.grant', 'access.revoke']), eb(grantId, '=', String(grant.id))]),
          eb('action', 'in', [REGISTER_SNAPSHOT_ACTION, 'backup.restore']),
        ]),
      )
      .orderBy('seq', 'desc'),
  )) as EventRow[];
  for (const row of rows) {
    const says = whatItSays(row, grant.id);
    if (says === null) continue;
    // The latest event about the grant decides; it must be genuine and name this channel and person.
    const current = says.current && says.channelId === grant.channel_id && says.personId === grant.person_id;
    return current && genuine(vault, row);
  }
  return false;
}

function whatItSays(row: EventRow, grantId: number): { current: boolean; channelId: unknown; personId: unknown } | null {
  const details = JSON.parse(row.details) as Record<string, unknown>;
  if (row.action === 'access.grant' || row.action === 'access.revoke') return { current: row.action === 'access.grant', channelId: details.channelId, personId: details.personId };
  // An upgrade's snapshot, or a restore (which hashes the restored register): the register as it was then.
  const grants = (details.register as { grants?: unknown } | undefined)?.grants;
  if (!Array.isArray(grants)) return null;
  const entry = (grants as unknown[][]).find((g) => Array.isArray(g) && g[0] === grantId);
  // A snapshot without the grant: it did not exist then, and nothing since made it.
  return entry === undefined ? { current: false, channelId: null, personId: null } : { current: entry[3] === 0, channelId: entry[1], personId: entry[2] };
}

/** The event's fields give its hash, and the hash its MAC under the keychain key: nothing else could write it. */
export function genuine(vault: Vault, row: EventRow): boolean {
  const hash =
    row.version === 2
      ? chainHashV2(row.prev_hash, { ...row, actor_commit: row.actor_commit ?? null, target_commit: row.target_commit ?? null, channel_commit: row.channel_commit ?? null })
      : chainHash(row.prev_hash, row);
  return hash === row.hash && chainMac(vault.macKeyHex, hash) === row.mac;
}
