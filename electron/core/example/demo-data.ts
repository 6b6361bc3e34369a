import { qb } from '../db/sql';
import type { Vault } from '../vault/vault';

/** Fictional names; addresses use the reserved .example domain so no mail can ever go out. */
const FIRST = ['Amira', 'Ben', 'Chloe', 'Dev', 'Ella', 'Farah', 'George', 'Hana', 'Isaac', 'Jade', 'Kofi', 'Lily', 'Mo', 'Nia', 'Owen', 'Priya', 'Rhys', 'Sana', 'Tom', 'Zoe'];
const LAST = ['Ahmed', 'Brown', 'Clarke', 'Dunn', 'Evans', 'Fox', 'Green', 'Hussain', 'Iqbal', 'Jones', 'Khan', 'Lees', 'Moss', 'Nolan', 'Okafor', 'Patel'];
const REASONS = ['Posting the weekly newsletter', 'Checking comments on the weekend', 'Replying to a parent query', 'Sharing sports day photos', 'Monthly security check'];

/**
 * Deterministic (seeded) so screenshots and benchmarks repeat. Demo operators get the
 * passphrase given with --demo; without one the demo people have no console access.
 */
export function buildDemo(vault: Vault, adminId: number, schoolIds: Map<string, number>, passphraseHash: string | null): { people: number; grants: number } {
  const { sql } = vault;
  let seed = 20260901;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let nameIndex = 0;
  const now = vault.clock.now();
  const created = now.toISOString();
  const addPerson = (role: string, schoolId: number | null, consoleRole: string | null): number | null => {
    const first = FIRST[nameIndex % FIRST.length] ?? 'Sam';
    const last = LAST[Math.floor(nameIndex / FIRST.length + nameIndex) % LAST.length] ?? 'Smith';
    nameIndex += 1;
    const email = `${first}.${last}${nameIndex}@demo.pendle-trust.example`.toLowerCase();
    if (sql.first(qb.selectFrom('people').select('id').where('email', '=', email)) !== undefined) return null;
    const row = sql.first(
      qb
        .insertInto('people')
        .values({ name: `${first} ${last}`, email, role, school_id: schoolId, left_on: null, created_at: created })
        .returning('id'),
    );
    if (row === undefined) throw new Error('insert returned nothing');
    if (consoleRole !== null && passphraseHash !== null) {
      sql.run(
        qb.insertInto('operators').values({
          person_id: row.id,
          console_role: consoleRole,
          passphrase_hash: passphraseHash,
          passphrase_changed_at: created,
          failed_attempts: 0,
          locked_until: null,
        }),
      );
    }
    vault.audit.append({ actorId: adminId, action: 'person.add', target: `person:${row.id}`, schoolId, outcome: 'ok', details: { role, consoleRole, demo: true } });
    return row.id;
  };

  const core = ['admin', 'poster', 'auditor'].map((role) => addPerson('core-team', null, role)).filter((id): id is number => id !== null);
  const slt = new Map<number, number[]>();
  let people = core.length;
  for (const schoolId of schoolIds.values()) {
    const leaders = [addPerson('slt', schoolId, 'poster'), addPerson('slt', schoolId, 'auditor')].filter((id): id is number => id !== null);
    slt.set(schoolId, leaders);
    people += leaders.length;
    for (let i = 0; i < 2; i += 1) if (addPerson('staff', schoolId, null) !== null) people += 1;
  }

  const channels = sql.all(qb.selectFrom('channels').select(['id', 'school_id']));
  const yearAgo = now.getTime() - 365 * 86_400_000;
  let grants = 0;
  for (const channel of channels) {
    const holders = [core[0], core[1], ...(channel.school_id === null ? [] : (slt.get(channel.school_id) ?? []).slice(0, 1))].filter(
      (id): id is number => id !== undefined,
    );
    for (const holder of holders) {
      const exists = sql.first(
        qb.selectFrom('access_grants').select('id').where('channel_id', '=', channel.id).where('person_id', '=', holder).where('revoked_at', 'is', null),
      );
      if (exists !== undefined) continue;
      const grantedAt = new Date(yearAgo).toISOString();
      sql.run(qb.insertInto('access_grants').values({ channel_id: channel.id, person_id: holder, granted_by: adminId, granted_at: grantedAt }));
      vault.audit.append({ actorId: adminId, action: 'access.grant', target: `person:${holder}`, channelId: channel.id, schoolId: channel.school_id, outcome: 'ok', details: { demo: true } }, new Date(yearAgo));
      grants += 1;
    }
    // Roughly weekly use over the past year, by the channel's holders.
    for (let week = 1; week < 52; week += 1) {
      const holder = holders[Math.floor(random() * holders.length)];
      if (holder === undefined) continue;
      const at = new Date(yearAgo + week * 7 * 86_400_000 + Math.floor(random() * 5 * 86_400_000));
      vault.audit.append(
        {
          actorId: holder,
          action: random() < 0.7 ? 'totp.code' : 'secret.reveal',
          target: `channel:${channel.id}`,
          channelId: channel.id,
          schoolId: channel.school_id,
          reason: REASONS[Math.floor(random() * REASONS.length)] ?? 'Routine use',
          outcome: 'ok',
          details: { demo: true },
        },
        at,
      );
    }
  }
  return { people, grants };
}
