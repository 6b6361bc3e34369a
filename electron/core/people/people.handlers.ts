import { hashPassphraseWithKey } from '../auth/passphrase';
import { enrolmentKeyPair } from '../keys/certificate';
import { certifyEnrolment } from '../keys/certify';
import { wipe } from '../keys/sodium';
import { openTrustRoot } from '../keys/trust-root';
import { passphraseContext } from '../auth/passphrase-context';
import { requireStrongPassphrase } from '../auth/passphrase-strength';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerContext, HandlerMap } from '../handler-types';
import type { ParsedInput } from '../../../shared/contract/methods';
import type { PersonView } from '../../../shared/contract/views';
import { schoolByCode } from '../trust/schools.repo';
import { revokeAllFor } from '../access/access.repo';
import { scoped } from '../access/school-scope';
import { otherStayingAdminCount, listPeople, personByEmail, personById } from './people.repo';
import { londonDate } from '../../../shared/calendar/london-date';

const today = (now: Date) => londonDate(now.getTime());

/**
 * Adds a person to the register (and, with a console role and a hashed passphrase, as an
 * operator whose passphrase is one-time), audited as person.add. Runs inside the caller's transaction: person.add's, or
 * an import's, which adds many at once.
 */
export async function addPerson({ vault, operator }: HandlerContext, input: ParsedInput<'person.add'>, passphraseHash: string | null): Promise<PersonView> {
  const db = vault.data;
  const now = vault.clock.now();
  const clash = await db.first(qb.selectFrom('people').select('id').where('email', '=', input.email));
  if (clash !== undefined) throw new CoreError('conflict', `${input.email} is already on the register.`, 'email');
  const school = input.school === undefined ? null : await schoolByCode(db, input.school);
  const row = await db.first(
    qb
      .insertInto('people')
      .values({
        name: input.name,
        email: input.email,
        role: input.role,
        school_id: school?.id ?? null,
        left_on: null,
        created_at: now.toISOString(),
      })
      .returning('id'),
  );
  if (row === undefined) throw new Error('insert returned nothing');
  // The operators row is written only with a passphrase: an import names a role but sets none.
  const consoleRole = input.consoleRole !== undefined && passphraseHash !== null ? input.consoleRole : null;
  if (consoleRole !== null && passphraseHash !== null) {
    await db.run(
      qb.insertInto('operators').values({
        person_id: row.id,
        console_role: consoleRole,
        passphrase_hash: passphraseHash,
        passphrase_changed_at: now.toISOString(),
        failed_attempts: 0,
        locked_until: null,
        // The administrator chose it: the person changes it at their first sign-in, and their
        // key is made under their own (design: keys, "Passphrases").
        must_change_passphrase: 1,
      }),
    );
  }
  await vault.audit.append({
    actorId: operator.personId,
    action: 'person.add',
    target: `person:${row.id}`,
    schoolId: school?.id ?? null,
    outcome: 'ok',
    // personId and consoleRole (the operators row as written, or none) let verify replay the roles.
    details: { role: input.role, personId: row.id, consoleRole },
  });
  return personById(db, row.id, today(now));
}

export const peopleHandlers: HandlerMap<'person.add' | 'person.list' | 'person.markLeft'> = {
  'person.add': async (ctx, input) => {
    if (input.passphrase !== undefined) await requireStrongPassphrase(input.passphrase, await passphraseContext(ctx.vault, input), 'passphrase');
    // scrypt is slow and async: hash before the (synchronous) transaction.
    const hashed = input.passphrase === undefined ? null : await hashPassphraseWithKey(input.passphrase);
    const enrolment = hashed === null ? null : enrolmentKeyPair(hashed.enrolmentSeed);
    if (hashed !== null) wipe(hashed.sealingKey, hashed.enrolmentSeed, enrolment?.privateKey);
    // An administrator is certified by the trust root when the one adding them holds it; else by their key.
    const root = input.consoleRole === 'admin' && ctx.keys !== null ? await openTrustRoot(ctx.vault, ctx.keys) : null;
    try {
      return await ctx.vault.data.transaction(async () => {
        const person = await addPerson(ctx, input, hashed?.hash ?? null);
        if (person.consoleRole !== null && enrolment !== null) await certifyEnrolment(ctx, person.id, enrolment.publicKey, root);
        return person;
      });
    } finally {
      wipe(root);
    }
  },

  'person.list': async ({ vault, operator }) => scoped(operator, await listPeople(vault.data, today(vault.clock.now()))),

  'person.markLeft': ({ vault, operator }, input) => {
    const db = vault.data;
    return db.transaction(async () => {
      const now = today(vault.clock.now());
      const person = await personByEmail(db, input.email, now);
      if (person.leftOn !== null) {
        throw new CoreError('conflict', `${person.email} is already recorded as leaving on ${person.leftOn}.`, 'email');
      }
      if (person.consoleRole === 'admin' && (await otherStayingAdminCount(db, person.id)) === 0) {
        throw new CoreError(
          'conflict',
          `${person.email} is the last administrator who is staying and cannot be marked as leaving. Add another administrator first (custodian person add … --operator admin).`,
          'email',
        );
      }
      await db.run(qb.updateTable('people').set({ left_on: input.on }).where('id', '=', person.id));
      await vault.audit.append({
        actorId: operator.personId,
        action: 'person.left',
        target: `person:${person.id}`,
        outcome: 'ok',
        details: { leftOn: input.on },
      });
      // Someone who has gone keeps no access. A future leaving date keeps it until then;
      // the compliance checks flag any holder who has left.
      const revokedChannels = input.on <= now ? await revokeAllFor(vault, operator.personId, person.id, `Left the trust on ${input.on}`) : [];
      return { person: await personById(db, person.id, now), revokedChannels };
    });
  },
};
