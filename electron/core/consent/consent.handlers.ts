import { londonToday } from '../clock';
import { qb } from '../db/sql';
import { CoreError } from '../errors';
import type { HandlerMap, Operator } from '../handler-types';
import { schoolByCode } from '../trust/schools.repo';
import { requireAdministers } from '../access/school-scope';
import type { Vault } from '../vault/vault';
import { consentRowById, consentRows, toConsentView } from './consent.repo';

/**
 * The policy limits the list of children whose images must not be published to those who need
 * it: the trust's administrators and the school's own senior leadership team. So beyond the
 * contract's roles (admin, auditor) an auditor must be SLT of that very school: an SLT auditor
 * of another school is refused, and so is a core-team auditor (who oversees the trust but has
 * no part in a school's safeguarding list). A refusal is audited too, naming only the school.
 */
/** Staff given auditor access are scoped to their school too, but the list is for its SLT only. */
async function personRole(vault: Vault, personId: number): Promise<string | undefined> {
  return (await vault.data.first(qb.selectFrom('people').select('role').where('id', '=', personId)))?.role;
}

async function requireRegisterAccess(vault: Vault, operator: Operator, school: { id: number; code: string }): Promise<void> {
  // An administrator at a school administers that school's list only.
  if (operator.consoleRole === 'admin' && (operator.workSchoolId === null || operator.workSchoolId === school.id)) return;
  if (operator.consoleRole === 'auditor' && operator.schoolScope === school.code && (await personRole(vault, operator.personId)) === 'slt') return;
  await vault.audit.append({
    actorId: operator.personId,
    action: 'consent.view',
    target: `school:${school.code}`,
    schoolId: school.id,
    outcome: 'denied',
    details: { school: school.code },
  });
  throw new CoreError(
    'forbidden',
    `The consent register of ${school.code} is open only to the trust's administrators and ${school.code}'s own senior leadership team.`,
    'school',
  );
}

/**
 * The consent register. Names stay in the register: audit events carry the school, the reason
 * and counts, never who is on the list.
 */
export const consentHandlers: HandlerMap<'consent.add' | 'consent.list' | 'consent.remove'> = {
  'consent.add': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const school = await schoolByCode(data, input.school);
      requireAdministers(operator, school.id, `${school.code}'s consent register`);
      const now = vault.clock.now().toISOString();
      const blank = (text: string | undefined) => (text === undefined || text === '' ? null : text);
      const row = await data.first(
        qb
          .insertInto('consent_entries')
          .values({
            school_id: school.id,
            name: input.name,
            class_name: blank(input.class),
            reason: input.reason,
            from_on: input.from ?? null,
            to_on: input.to ?? null,
            note: blank(input.note),
            added_by: operator.personId,
            added_at: now,
            removed_at: null,
            removed_by: null,
          })
          .returning('id'),
      );
      if (row === undefined) throw new Error('insert returned nothing');
      await vault.audit.append({
        actorId: operator.personId,
        action: 'consent.add',
        target: `consent:${row.id}`,
        schoolId: school.id,
        outcome: 'ok',
        details: { school: school.code, reason: input.reason },
      });
      return toConsentView(await consentRowById(data, row.id), londonToday(vault.clock));
    });
  },

  'consent.list': async ({ vault, operator }, input) => {
    const { data } = vault;
    const school = await schoolByCode(data, input.school);
    await requireRegisterAccess(vault, operator, school);
    return data.transaction(async () => {
      const today = londonToday(vault.clock);
      const entries = (await consentRows(data, school.id, input.includeRemoved === true)).map((row) => toConsentView(row, today));
      // Every view of the list is on the record: who looked at which school's list, and how much they saw.
      await vault.audit.append({
        actorId: operator.personId,
        action: 'consent.view',
        target: `school:${school.code}`,
        schoolId: school.id,
        outcome: 'ok',
        details: { school: school.code, entries: entries.length },
      });
      return entries;
    });
  },

  'consent.remove': ({ vault, operator }, input) => {
    const { data } = vault;
    return data.transaction(async () => {
      const entry = await consentRowById(data, input.id);
      requireAdministers(operator, entry.school_id, `${entry.school}'s consent register`);
      if (entry.removed_at !== null) {
        throw new CoreError('conflict', `Consent register entry ${entry.id} was already removed (${entry.removed_at.slice(0, 10)}); nothing was changed.`, 'id');
      }
      const now = vault.clock.now().toISOString();
      await data.run(qb.updateTable('consent_entries').set({ removed_at: now, removed_by: operator.personId }).where('id', '=', entry.id));
      await vault.audit.append({
        actorId: operator.personId,
        action: 'consent.remove',
        target: `consent:${entry.id}`,
        schoolId: entry.school_id,
        outcome: 'ok',
        details: { school: entry.school, reason: entry.reason },
      });
      return toConsentView(await consentRowById(data, entry.id), londonToday(vault.clock));
    });
  },
};
