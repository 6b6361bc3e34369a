import defaultSettings from '../../../resources/policy-profile.json';
import { parsePolicyProfile, type PolicyProfile } from '../../../shared/compliance/policy-profile';
import type { Db } from '../db/db.port';
import { qb } from '../db/sql';
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
export async function loadPolicyProfile(db: Db): Promise<StoredProfile> {
  return profileFrom(await db.first(profileQuery()));
}

function profileQuery() {
  return qb.selectFrom('policy_profile').select('settings');
}

function profileFrom(row: { settings: string } | undefined): StoredProfile {
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

export async function storePolicyProfile(db: Db, profile: PolicyProfile, by: number, at: string): Promise<void> {
  const settings = JSON.stringify(profile);
  await db.run(
    qb
      .insertInto('policy_profile')
      .values({ id: 1, settings, updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column('id').doUpdateSet({ settings, updated_at: at, updated_by: by })),
  );
}
