import { z } from 'zod';

/**
 * The numbers a trust sets for its own reading of the policy. The policy text sets a floor (at
 * least one core-team holder, replies within 5 school days); a profile may be stricter, never
 * laxer, so the bounds below follow the policy where it gives a number. Defaults marked
 * "ours" are Custodian's choice where the policy says nothing.
 */
const whole = (min: number, max: number, what: string) =>
  z
    .number({ error: `must be a number (${what})` })
    .int({ error: `must be a whole number (${what})` })
    .min(min, { error: `must be at least ${min} (${what})` })
    .max(max, { error: `must be at most ${max} (${what})` });

export const policyProfileSchema = z.strictObject(
  {
    /** Policy: "responded to within 5 school days". The core uses it to set each inbox item's due date. */
    responseSchoolDays: whole(1, 5, 'school days to reply; the policy allows at most 5').default(5),
    /** Policy: "preferably 7 days a week, including during holidays". */
    monitoringDaysPerWeek: whole(1, 7, 'days a week the accounts are checked').default(7),
    /** Policy: "at least one member of the Pendle Education Trust core team". */
    minCoreTeamHolders: whole(1, 20, 'core-team holders per channel; the policy asks for at least 1').default(1),
    /** Policy: "at least [one] member of each school's SLT". Trust channels need no SLT holder. */
    minSchoolSltHolders: whole(1, 20, 'SLT holders per school channel; the policy asks for at least 1').default(1),
    /** Policy: "2-factor authentication to log in (where available)". */
    requireTwoFactor: z.boolean({ error: 'must be true or false' }).default(true),
    /** Ours: the policy requires training but gives it no expiry; a yearly refresher is our default. */
    trainingValidMonths: whole(1, 60, 'months training stays valid').default(12),
    /** Ours: a holder with no console activity for this many days is flagged for a check. */
    inactiveAfterDays: whole(7, 3650, 'days without using Custodian').default(180),
    /** The policy's header: "Review Date January 2026" (the last day of that month). */
    policyReviewDate: z.iso.date({ error: 'must be a date written YYYY-MM-DD' }).default('2026-01-31'),
    /** Ours: days to change a channel's password after someone's access to it ends. */
    rotateWithinDays: whole(0, 90, 'days to change a password after access ends').default(7),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'is not a setting of the policy profile (check the spelling)' : undefined) },
);

export type PolicyProfile = z.output<typeof policyProfileSchema>;
export type PolicyProfileInput = z.input<typeof policyProfileSchema>;

export const defaultPolicyProfile: PolicyProfile = Object.freeze(policyProfileSchema.parse({}));

export type PolicyProfileParse = { ok: true; profile: PolicyProfile } | { ok: false; problems: string[] };

/**
 * Reads a profile (for example resources/policy-profile.json), filling in defaults. Each
 * problem is one sentence that starts with the setting's name; the bad value is not echoed.
 */
export function parsePolicyProfile(input: unknown): PolicyProfileParse {
  const parsed = policyProfileSchema.safeParse(input);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${key} ${issue.message}.`);
    const field = issue.path.map(String).join('.');
    return [field === '' ? `The policy profile must be an object of settings.` : `${field} ${issue.message}.`];
  });
  return { ok: false, problems };
}
