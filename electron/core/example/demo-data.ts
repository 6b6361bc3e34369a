import { randomBytes } from 'node:crypto';
import { parseTotpInput, serializeTotpConfig } from '../credentials/totp';
import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';
import { recordGrant, revokeAllFor } from '../access/access.repo';
import { base32Encode } from '../credentials/base32';
import { prepareSecretWrite, recordSecretWrite } from '../credentials/store-secret';
import { channelById } from '../channels/channels.repo';
import type { HandlerContext } from '../handler-types';
import type { SecretKind } from '../../../shared/domain/enums';

/** Fictional names; addresses use the reserved .example domain so no mail can ever go out. */
const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ella', 'Farah', 'George', 'Hana', 'Isaac', 'Jade', 'Kofi', 'Lily', 'Mo', 'Nia', 'Owen', 'Priya', 'Rhys', 'Sana', 'Tom', 'Zoe'];
const LAST = ['Ahmed', 'Brown', 'Clarke', 'Dunn', 'Evans', 'Fox', 'Green', 'Hussain', 'Iqbal', 'Jones', 'Khan', 'Lees', 'Moss', 'Nolan', 'Okafor', 'Patel'];
const REASONS = ['Posting the weekly newsletter', 'Checking comments on the weekend', 'Replying to a parent query', 'Sharing sports day photos', 'Monthly security check'];

/**
 * Deterministic (seeded) so screenshots and benchmarks repeat. Demo operators get the
 * passphrase given with --demo; without one the demo people have no console access.
 */
export async function buildDemo(
  vault: Vault,
  adminId: number,
  schoolIds: Map<string, number>,
  passphraseHash: string | null,
  /** Certifies a demo operator's role, as person.add does (keys/certify.ts). */
  certify: (personId: number) => Promise<void>,
): Promise<{ people: number; grants: number }> {
  const db = vault.data;
  let seed = 20260901;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let nameIndex = 0;
  const now = vault.clock.now();
  const created = now.toISOString();
  const addPerson = async (role: string, schoolId: number | null, consoleRole: string | null): Promise<number | null> => {
    const first = FIRST[nameIndex % FIRST.length] ?? 'Sam';
    const last = LAST[Math.floor(nameIndex / FIRST.length + nameIndex) % LAST.length] ?? 'Smith';
    nameIndex += 1;
    const email = `${first}.${last}${nameIndex}@demo.pendle-trust.example`.toLowerCase();
    if ((await db.first(qb.selectFrom('people').select('id').where('email', '=', email))) !== undefined) return null;
    const row = await db.first(
      qb
        .insertInto('people')
        .values({ name: `${first} ${last}`, email, role, school_id: schoolId, left_on: null, created_at: created })
        .returning('id'),
    );
    if (row === undefined) throw new Error('insert returned nothing');
    const operatorRole = passphraseHash === null ? null : consoleRole;
    if (operatorRole !== null && passphraseHash !== null) {
      await db.run(
        qb.insertInto('operators').values({
          person_id: row.id,
          console_role: operatorRole,
          passphrase_hash: passphraseHash,
          passphrase_changed_at: created,
          failed_attempts: 0,
          locked_until: null,
        }),
      );
    }
    await vault.audit.append({ actorId: adminId, action: 'person.add', target: `person:${row.id}`, schoolId, outcome: 'ok', details: { role, personId: row.id, consoleRole: operatorRole, demo: true } });
    if (operatorRole !== null) await certify(row.id);
    return row.id;
  };

  // Each grant its own event, with the ids verify replays the register from.
  const grant = async (holder: number, channelId: number, schoolId: number | null, grantedAt: Date, recordedAt: Date = grantedAt) => {
    await recordGrant(vault, { channelId, schoolId, personId: holder, actorId: adminId, at: grantedAt.toISOString() }, { demo: true }, recordedAt);
  };

  const core: number[] = [];
  for (const role of ['admin', 'poster', 'auditor']) {
    const id = await addPerson('core-team', null, role);
    if (id !== null) core.push(id);
  }
  const slt = new Map<number, number[]>();
  let people = core.length;
  for (const schoolId of schoolIds.values()) {
    const leaders = [await addPerson('slt', schoolId, 'poster'), await addPerson('slt', schoolId, 'auditor')].filter((id): id is number => id !== null);
    slt.set(schoolId, leaders);
    people += leaders.length;
    for (let i = 0; i < 2; i += 1) if ((await addPerson('staff', schoolId, null)) !== null) people += 1;
  }

  const channels = await db.all(qb.selectFrom('channels').select(['id', 'school_id']));
  const yearAgo = now.getTime() - 365 * 86_400_000;
  let grants = 0;
  const uses: { at: Date; holder: number; channelId: number; schoolId: number | null }[] = [];
  for (const channel of channels) {
    // The policy asks for 2FA where available; the demo trust has it everywhere.
    await db.run(qb.updateTable('channels').set({ two_factor: 'enabled' }).where('id', '=', channel.id));
    const holders = [core[0], core[1], ...(channel.school_id === null ? [] : (slt.get(channel.school_id) ?? []).slice(0, 1))].filter(
      (id): id is number => id !== undefined,
    );
    for (const holder of holders) {
      const exists = await db.first(
        qb.selectFrom('access_grants').select('id').where('channel_id', '=', channel.id).where('person_id', '=', holder).where('revoked_at', 'is', null),
      );
      if (exists !== undefined) continue;
      await grant(holder, channel.id, channel.school_id, new Date(yearAgo));
      grants += 1;
    }
    // Roughly weekly use over the past year, on school days in working hours (UTC ≈ UK).
    for (let week = 1; week < 52; week += 1) {
      const holder = holders[Math.floor(random() * holders.length)];
      if (holder === undefined) continue;
      const monday = yearAgo - (new Date(yearAgo).getUTCDay() + 6) % 7 * 86_400_000 + week * 7 * 86_400_000;
      const day = new Date(monday + Math.floor(random() * 5) * 86_400_000);
      day.setUTCHours(7, 30 + Math.floor(random() * 600), 0, 0);
      if (day.getTime() < now.getTime()) uses.push({ at: day, holder, channelId: channel.id, schoolId: channel.school_id });
    }
  }
  // Appended in time order, so the trail reads like a real year.
  uses.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const use of uses) {
    await vault.audit.append(
      {
        actorId: use.holder,
        action: random() < 0.7 ? 'totp.code' : 'secret.reveal',
        target: `channel:${use.channelId}`,
        channelId: use.channelId,
        schoolId: use.schoolId,
        reason: REASONS[Math.floor(random() * REASONS.length)] ?? 'Routine use',
        outcome: 'ok',
        details: { demo: true },
      },
      use.at,
    );
  }
  // One SLT member has left, so the register shows a revocation.
  const leaver = [...slt.values()][0]?.[1];
  if (leaver !== undefined) {
    const leftOn = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
    const schoolId = [...slt.keys()][0] ?? null;
    const channel = channels.find((c) => c.school_id === schoolId);
    if (channel !== undefined) {
      await grant(leaver, channel.id, schoolId, new Date(yearAgo), now);
    }
    await db.run(qb.updateTable('people').set({ left_on: leftOn }).where('id', '=', leaver));
    await vault.audit.append({ actorId: adminId, action: 'person.left', target: `person:${leaver}`, outcome: 'ok', details: { leftOn, demo: true } });
    await revokeAllFor(vault, adminId, leaver, `Left the trust on ${leftOn}`);
  }
  return { people, grants };
}

/**
 * Demo secrets, so a demo holder's code and reveal work. Set as any secret is (write-only,
 * sealed to the channel's keyed holders): the person loading the demo sets them, so they hold
 * every demo channel; the demo people's grants wait for their keys until they sign in.
 */
export async function storeDemoSecrets(ctx: HandlerContext): Promise<void> {
  const db = ctx.vault.data;
  const bare = await db.all(qb.selectFrom('channels').leftJoin('secrets', 'secrets.channel_id', 'channels.id').select(['channels.id']).where('secrets.channel_id', 'is', null));
  for (const { id } of bare) {
    const values = {
      password: `Demo-${randomBytes(9).toString('base64url')}`,
      totp: serializeTotpConfig(parseTotpInput(base32Encode(randomBytes(20)))),
    } as const;
    await db.transaction(async () => {
      for (const [kind, value] of Object.entries(values)) {
        await recordSecretWrite(ctx, await prepareSecretWrite(ctx, await channelById(db, id), kind as SecretKind, value), { demo: 'true' });
      }
    });
  }
}
