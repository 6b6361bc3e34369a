import { sql } from 'kysely';
import { qb } from '../db/sql';
import { ACCOUNTS, unseal } from '../secrets/vault-secrets';
import type { Vault } from '../vault/vault';
import type { PersonKeys } from './person-key';
import { grantVouchedByTrail } from './grant-trail';
import { granterMayGrant } from './role-certificate';
import { certifyFirstKeys } from './first-key';
import { addRecoveryWraps } from './recovery-keys';
import { channelsLackingRecoveryWrap, holderlessPlainChannels, isAdministrator, recoveryKeyRow } from './recovery.repo';
import { keyedHolders, wrapChannelFor, writeRecoveryOnlyVersion, writeSecretVersion } from './secret-keys';

/**
 * What a holder's sign-in does for the register, with their key just opened:
 * 1. the channels they hold whose secrets are still in plain in the keychain (a vault from
 *    before holders' keys) move to ciphertext sealed to their keyed holders; the plain keychain
 *    entries are deleted only after the database commit that replaces them;
 * 2. an administrator moves the channels nobody holds to the recovery key, once a kit exists;
 * 3. the grants of their channels that are waiting (for a holder, or for a key that now exists)
 *    are completed: the channel's keys are sealed to the grantee, audited as access.complete;
 *    and the recovery key gets its wraps of secrets set before the kit was made.
 */
export async function holderSignIn(vault: Vault, keys: PersonKeys): Promise<void> {
  await moveLegacySecrets(vault, keys);
  await moveHolderlessSecrets(vault, keys);
  await completePendingGrants(vault, keys);
}

function heldChannels(vault: Vault, personId: number): Promise<{ id: number; school_id: number | null }[]> {
  return vault.data.all(
    qb
      .selectFrom('access_grants as g')
      .innerJoin('channels as c', 'c.id', 'g.channel_id')
      .select(['c.id', 'c.school_id'])
      .where('g.person_id', '=', personId)
      .where('g.revoked_at', 'is', null)
      .orderBy('c.id'),
  );
}

async function moveLegacySecrets(vault: Vault, keys: PersonKeys): Promise<void> {
  for (const channel of await heldChannels(vault, keys.personId)) await moveChannel(vault, keys, channel, false);
}

/**
 * A channel nobody holds cannot move at a holder's sign-in: once a kit exists, the first
 * administrator to sign in moves it to ciphertext sealed to the recovery key alone, so no plain
 * copy stays in the keychain waiting for a holder who may never come.
 */
export async function moveHolderlessSecrets(vault: Vault, keys: PersonKeys): Promise<void> {
  if ((await recoveryKeyRow(vault.data)) === undefined || !(await isAdministrator(vault.data, keys.personId))) return;
  for (const channel of await holderlessPlainChannels(vault.data)) await moveChannel(vault, keys, channel, true);
}

/**
 * Moves one channel's plain secrets to ciphertext: sealed to its keyed holders (and the kit), or
 * to the kit only. The keychain entries go only after the database commit that replaces them.
 */
async function moveChannel(vault: Vault, keys: PersonKeys, channel: { id: number; school_id: number | null }, recoveryOnly: boolean): Promise<void> {
  const legacy = await vault.data.all(
    qb.selectFrom('secrets').select(['kind', 'storage', 'sealed_value']).where('channel_id', '=', channel.id).where('storage', 'in', ['keychain', 'sealed']).orderBy('kind'),
  );
  if (legacy.length === 0) return;
  const values: { kind: string; storage: string; value: string }[] = [];
  for (const row of legacy) {
    const account = ACCOUNTS.channelSecret(channel.id, row.kind);
    const value =
      row.storage === 'sealed'
        ? unseal(await vault.secrets.require(ACCOUNTS.sealKey, 'sealing key'), row.sealed_value ?? '', account)
        : await vault.secrets.require(account, `${row.kind} of channel ${channel.id}`);
    values.push({ kind: row.kind, storage: row.storage, value });
  }
  const at = vault.clock.now().toISOString();
  const write = recoveryOnly ? writeRecoveryOnlyVersion : writeSecretVersion;
  await vault.data.transaction(async () => {
    for (const { kind, value } of values) {
      const version = await write(vault, keys, channel.id, kind, value, at);
      await vault.data.run(qb.updateTable('secrets').set({ storage: 'wrapped', sealed_value: null, version }).where('channel_id', '=', channel.id).where('kind', '=', kind));
    }
    await vault.audit.append({
      actorId: keys.personId,
      action: 'secret.move',
      target: `channel:${channel.id}`,
      channelId: channel.id,
      schoolId: channel.school_id,
      outcome: 'ok',
      details: recoveryOnly
        ? { kinds: values.map((v) => v.kind), holders: 0, recoveryOnly: true }
        : { kinds: values.map((v) => v.kind), holders: (await keyedHolders(vault.data, channel.id)).length },
    });
  });
  for (const { kind, storage } of values) {
    if (storage === 'keychain') await vault.secrets.delete(ACCOUNTS.channelSecret(channel.id, kind));
  }
}

/**
 * A kit made after secrets existed has no wraps of them: a holder at work seals each channel's
 * current keys they can open to the recovery key, one audited event per channel.
 */
export async function completeRecoveryWraps(vault: Vault, keys: PersonKeys): Promise<void> {
  if ((await recoveryKeyRow(vault.data)) === undefined) return;
  const at = vault.clock.now().toISOString();
  for (const channel of await channelsLackingRecoveryWrap(vault.data, keys.personId)) {
    await vault.data.transaction(async () => {
      const kinds = await addRecoveryWraps(vault, keys, channel.id, at);
      if (kinds === null || kinds.length === 0) return;
      await vault.audit.append({
        actorId: keys.personId,
        action: 'recovery.wrap',
        target: `channel:${channel.id}`,
        channelId: channel.id,
        schoolId: channel.school_id,
        outcome: 'ok',
        details: { channelId: channel.id, kinds },
      });
    });
  }
}

/**
 * The current grants of channels this holder holds that lack a wrap of a current secret while
 * their person has a key: one query, cheap enough to run on every call of a keyed session.
 */
function waitingGrants(vault: Vault, holderId: number): Promise<{ id: number; channel_id: number; person_id: number; granted_by: number; school_id: number | null }[]> {
  return vault.data.all(
    qb
      .selectFrom('access_grants as g')
      .innerJoin('channels as c', 'c.id', 'g.channel_id')
      .innerJoin('person_keys as k', (join) => join.onRef('k.person_id', '=', 'g.person_id').on('k.retired_at', 'is', null))
      .innerJoin('secrets as s', (join) => join.onRef('s.channel_id', '=', 'g.channel_id').on('s.storage', '=', 'wrapped'))
      .leftJoin('secret_wraps as w', (join) =>
        join
          .onRef('w.channel_id', '=', 's.channel_id')
          .onRef('w.kind', '=', 's.kind')
          .onRef('w.version', '=', 's.version')
          .on(sql<boolean>`w.recipient = 'person:' || g.person_id`),
      )
      .select(['g.id', 'g.channel_id', 'g.person_id', 'g.granted_by', 'c.school_id'])
      .distinct()
      .where('g.revoked_at', 'is', null)
      .where('w.recipient', 'is', null)
      .where('g.person_id', '!=', holderId)
      .where('g.channel_id', 'in', (eb) =>
        eb.selectFrom('access_grants as mine').select('mine.channel_id').where('mine.person_id', '=', holderId).where('mine.revoked_at', 'is', null),
      )
      .orderBy('g.id'),
  );
}

/**
 * Completes the grants waiting on channels this holder can open: each in its own transaction,
 * audited as access.complete. Runs at sign-in and on each call of a keyed session, so a grant
 * completes as soon as a holder is at work, not only at their next sign-in.
 */
export async function completePendingGrants(vault: Vault, keys: PersonKeys): Promise<void> {
  // An upgraded vault's people who made their first key since: certified first, so their grants complete below.
  await certifyFirstKeys(vault, keys);
  const at = vault.clock.now().toISOString();
  for (const grant of await waitingGrants(vault, keys.personId)) {
    // A row someone wrote into the database file is not a grant: it stays pending, and verify names it.
    if (!(await grantVouchedByTrail(vault, grant))) continue;
    // Nor is one whose granter no certificate makes an administrator (a role edited in the database).
    if (!(await granterMayGrant(vault, grant))) continue;
    await vault.data.transaction(async () => {
      if ((await wrapChannelFor(vault, keys, grant.channel_id, grant.person_id, at)) !== 'done') return;
      await vault.audit.append({
        actorId: keys.personId,
        action: 'access.complete',
        target: `person:${grant.person_id}`,
        channelId: grant.channel_id,
        schoolId: grant.school_id,
        outcome: 'ok',
        details: { grantId: grant.id, channelId: grant.channel_id, personId: grant.person_id },
      });
    });
  }
  await completeRecoveryWraps(vault, keys);
}
