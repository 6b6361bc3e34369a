import { describe, expect, it } from 'vitest';
import profileFile from '../../resources/policy-profile.json';
import { defaultPolicyProfile, parsePolicyProfile, policyProfileSchema } from '../../shared/compliance/policy-profile';

describe('the policy profile', () => {
  it('defaults to the policy and our stated choices', () => {
    expect(policyProfileSchema.parse({})).toEqual({
      responseSchoolDays: 5,
      monitoringDaysPerWeek: 7,
      minCoreTeamHolders: 1,
      minSchoolSltHolders: 1,
      requireTwoFactor: true,
      trainingValidMonths: 12,
      inactiveAfterDays: 180,
      policyReviewDate: '2026-01-31',
      rotateWithinDays: 7,
    });
    expect(defaultPolicyProfile).toEqual(policyProfileSchema.parse({}));
  });

  it('ships resources/policy-profile.json with exactly the defaults', () => {
    expect(parsePolicyProfile(profileFile)).toEqual({ ok: true, profile: defaultPolicyProfile });
    // Every setting is written out, so the file documents them all.
    expect(Object.keys(profileFile).sort()).toEqual(Object.keys(defaultPolicyProfile).sort());
  });

  it('fills in what a partial profile leaves out', () => {
    const parsed = parsePolicyProfile({ minCoreTeamHolders: 2, policyReviewDate: '2027-01-31' });
    expect(parsed).toEqual({ ok: true, profile: { ...defaultPolicyProfile, minCoreTeamHolders: 2, policyReviewDate: '2027-01-31' } });
  });

  it.each([
    [{ responseSchoolDays: 6 }, 'responseSchoolDays must be at most 5'],
    [{ responseSchoolDays: 2.5 }, 'responseSchoolDays must be a whole number'],
    [{ monitoringDaysPerWeek: 0 }, 'monitoringDaysPerWeek must be at least 1'],
    [{ minCoreTeamHolders: 0 }, 'minCoreTeamHolders must be at least 1'],
    [{ minSchoolSltHolders: '1' }, 'minSchoolSltHolders must be a number'],
    [{ requireTwoFactor: 'yes' }, 'requireTwoFactor must be true or false'],
    [{ trainingValidMonths: -1 }, 'trainingValidMonths must be at least 1'],
    [{ inactiveAfterDays: 1 }, 'inactiveAfterDays must be at least 7'],
    [{ policyReviewDate: '2026-02-30' }, 'policyReviewDate must be a date written YYYY-MM-DD'],
    [{ policyReviewDate: 'January 2026' }, 'policyReviewDate must be a date written YYYY-MM-DD'],
    [{ rotateWithinDays: 91 }, 'rotateWithinDays must be at most 90'],
    [{ rotateWithinDay: 7 }, 'rotateWithinDay is not a setting of the policy profile'],
  ])('refuses %j, naming the field', (input, message) => {
    const parsed = parsePolicyProfile(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems).toEqual([expect.stringContaining(message)]);
  });

  it('refuses something that is not an object, and lists every problem at once', () => {
    expect(parsePolicyProfile(null)).toEqual({ ok: false, problems: ['The policy profile must be an object of settings.'] });
    const parsed = parsePolicyProfile({ responseSchoolDays: 0, rotateWithinDays: 'soon' });
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.split(' ')[0])).toEqual(['responseSchoolDays', 'rotateWithinDays']);
  });
});
