import { existsSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { londonDate } from '../../../shared/calendar/london-date';
import { currentGrantId, grantView, recordGrant } from '../access/access.repo';
import { channelLabel, resolveChannel } from '../channels/channels.repo';
import { CoreError } from '../errors';
import type { HandlerContext, HandlerMap } from '../handler-types';
import { completeRecoveryWraps, moveHolderlessSecrets } from '../keys/holder-sign-in';
import { insertRecoveryKey, recoveryKeyRow, recoveryKitMaker } from '../keys/recovery.repo';
import { writeKitPdf } from '../keys/recovery-kit-pdf';
import { kitChecksum, readRecoveryKit } from '../keys/recovery-kit';
import { matchKit, newRecoveryKey, recoveryFingerprint, recoveryKeyPair, wrapChannelFromRecovery, type RecoveryKeyPair } from '../keys/recovery-keys';
import { toB64, wipe } from '../keys/sodium';
import { personByEmail } from '../people/people.repo';
import type { Vault } from '../vault/vault';
import { trustName } from './recovery-ceremony.repo';

/**
 * The kit typed back, checked against the key on record. Another kit's words are refused and the
 * attempt recorded (someone holds a sheet that is not this vault's, or is guessing); a mistyped
 * word is refused by readRecoveryKit before anything is tried, naming the word. The caller wipes
 * the pair's secret.
 */
export async function requireKit(vault: Vault, text: string, action: string, actorId: number | null, target: string): Promise<RecoveryKeyPair> {
  if ((await recoveryKeyRow(vault.data)) === undefined) {
    throw new CoreError('conflict', 'No recovery kit has been made for this vault, so there is nothing to recover with. Nothing was changed.');
  }
  const secret = readRecoveryKit(text);
  const match = await matchKit(vault, secret);
  if (typeof match !== 'string') return match;
  wipe(secret);
  await vault.audit.append({ actorId, action, target, outcome: 'denied', details: { why: 'another kit' } });
  throw new CoreError('forbidden', "These recovery words are not this vault's kit: they belong to another kit, or were copied wrongly. Nothing was changed.", 'kit');
}

/** A vault has one kit: said before a dialog opens or a key is made. */
export async function refuseSecondKit(vault: Vault): Promise<void> {
  const existing = await recoveryKeyRow(vault.data);
  if (existing !== undefined) {
    throw new CoreError(
      'conflict',
      `A recovery kit already exists (made on ${existing.createdAt.slice(0, 10)}). A vault has one kit; replacing it is not possible yet. Nothing was written.`,
    );
  }
}

/**
 * Makes the vault's one kit at path. keep, when given, is handed the key before it is wiped here:
 * the window's kit is held a short while for its reveal (kit-words.store.ts); the CLI's is not.
 */
export async function createKit({ vault, operator, keys }: HandlerContext, path: string, keep?: (key: Uint8Array) => void): Promise<{ checksum: string; path: string }> {
  await refuseSecondKit(vault);
  const target = resolve(path);
  // Said before any key is made: a typo in the folder is the common mistake.
  if (!existsSync(dirname(target))) throw new CoreError('not_found', `The folder ${dirname(target)} does not exist. Nothing was written.`, 'path');
  const secret = newRecoveryKey();
  try {
    const pair = recoveryKeyPair(secret);
    const now = vault.clock.now();
    const checksum = kitChecksum(secret);
    // The paper first, the database second: a key on record with no kit anywhere would seal every
    // new secret to a key nobody has. If the database step fails, the kit is deleted.
    await writeKitPdf({ trustName: await trustName(vault.data), vaultId: vault.vaultId, createdOn: londonDate(now.getTime()), key: secret }, target);
    try {
      await vault.data.transaction(async () => {
        await insertRecoveryKey(vault.data, toB64(pair.boxPublic), now.toISOString(), operator.personId);
        await vault.audit.append({
          actorId: operator.personId,
          action: 'recovery.kit_created',
          target: 'recovery',
          outcome: 'ok',
          // Only that it was made and which public key: never the words, nor the checksum words.
          details: { fingerprint: recoveryFingerprint(pair.boxPublic) },
        });
      });
    } catch (error) {
      rmSync(target, { force: true });
      throw error;
    }
    // The secrets already set get their recovery wraps from this administrator's own wraps, and
    // channels nobody holds move to the kit, now rather than at a later sign-in.
    if (keys !== null) {
      await completeRecoveryWraps(vault, keys);
      await moveHolderlessSecrets(vault, keys);
    }
    keep?.(secret);
    return { checksum, path: target };
  } finally {
    wipe(secret);
  }
}

export const recoveryHandlers: HandlerMap<'recovery.createKit' | 'recovery.grant' | 'recovery.kitStatus'> = {
  'recovery.createKit': (ctx, input) => createKit(ctx, input.path),

  'recovery.kitStatus': async ({ vault }) => {
    const row = await recoveryKitMaker(vault.data);
    return { kit: row === undefined ? null : { createdAt: row.createdAt, createdBy: row.createdByName } };
  },

  'recovery.grant': async ({ vault, operator, keys }, input) => {
    const db = vault.data;
    if (keys === null) throw new CoreError('conflict', 'Your key is not open in this session: sign in again, then repeat the recovery grant.');
    const now = vault.clock.now();
    const channel = await resolveChannel(db, input.channel);
    const person = await personByEmail(db, input.email, londonDate(now.getTime()));
    if (!person.active) throw new CoreError('conflict', `${person.email} has left the trust (on ${person.leftOn}) and cannot be given access.`, 'email');
    const pair = await requireKit(vault, input.kit, 'recovery.grant', operator.personId, `person:${person.id}`);
    try {
      return await db.transaction(async () => {
        const at = now.toISOString();
        const sealed = await wrapChannelFromRecovery(vault, pair, keys, channel.id, person.id, at);
        if (sealed === 'no-key') {
          throw new CoreError('conflict', `${person.email} has no key yet: ask them to sign in once first, then repeat the recovery grant. Nothing was changed.`, 'email');
        }
        if ('unopened' in sealed) {
          throw new CoreError(
            'conflict',
            `The ${sealed.unopened} of ${channelLabel(channel)} is not sealed to the recovery kit (it was set before the kit and no holder has signed in since), so the kit cannot open it. Nothing was changed.`,
          );
        }
        const existing = await currentGrantId(db, channel.id, person.id);
        // The register replay explains the grant by its access.grant event (audit/register-replay.ts).
        const grantId = existing ?? (await recordGrant(vault, { channelId: channel.id, schoolId: channel.school_id, personId: person.id, actorId: operator.personId, at }, { why: 'recovery ceremony' }));
        await vault.audit.append({
          actorId: operator.personId,
          action: 'recovery.grant',
          target: `person:${person.id}`,
          channelId: channel.id,
          schoolId: channel.school_id,
          outcome: 'ok',
          details: { grantId, channelId: channel.id, personId: person.id, kinds: sealed.kinds },
        });
        return grantView(db, grantId);
      });
    } finally {
      wipe(pair.boxSecret);
    }
  },
};
