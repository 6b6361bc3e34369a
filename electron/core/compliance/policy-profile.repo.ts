import defaultSettings from '../../../resources/policy-profile.json';
import { parsePolicyProfile, type PolicyProfile } from '../../../shared/compliance/policy-profile';
import { qb, type Sql } from '../db/sql';
import { CoreError } from '../errors';

export interface StoredProfile {
  profile: PolicyProfile;
  source: 'default' | 'stored';
}

/**
 * The trust's policy profile: resources/policy-profile.json until an administrator changes a
 * setting, then the stored copy. Both are checked against the schema on every read, so a
 * hand-edited database or resource cannot slip a laxer-than-policy number past the rules.
 */
export function loadPolicyProfile(sql: Sql): StoredProfile {
  const row = sql.first(qb.selectFrom('policy_profile').select('settings'));
  const parsed = parsePolicyProfile(row === undefined ? defaultSettings : (JSON.parse(row.settings) as unknown));
  if (!parsed.ok) {
    throw new CoreError('internal', `The stored policy profile is not valid (${parsed.problems.join(' ')}). An administrator should set it again.`);
  }
  return { profile: parsed.profile, source: row === undefined ? 'default' : 'stored' };
}

/** Merges changed settings into the profile in force; refuses the lot if any is out of bounds. */
export function mergePolicyProfile(current: PolicyProfile, changes: Record<string, unknown>): PolicyProfile {
  const parsed = parsePolicyProfile({ ...current, ...changes });
  if (!parsed.ok) throw new CoreError('invalid_input', parsed.problems.join(' '), 'settings');
  return parsed.profile;
}

export function storePolicyProfile(sql: Sql, profile: PolicyProfile, by: number, at: string): void {
  const settings = JSON.stringify(profile);
  sql.run(
    qb
      .insertInto('policy_profile')
      .values({ id: 1, settings, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings, updated_at: at, updated_by: by })),
  );
}
