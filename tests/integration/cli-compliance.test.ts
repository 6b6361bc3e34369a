import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

/** `custodian compliance` and `custodian policy …` through the built binary, on the example trust. */
describe('custodian compliance and policy', () => {
  const dir = tempDir('custodian-cli-compliance-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const run = (args: string[]) => custodian(args, { env: admin });

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.code).toBe(0);
    expect(run(['example', 'load']).code).toBe(0);
  });
  afterAll(() => dir.remove());

  it('lists the findings as JSON (rule id, severity, subject, message, fix) and as text', () => {
    const listed = run(['compliance', '--json']);
    expect(listed.code).toBe(0);
    const findings = JSON.parse(listed.stdout) as { ruleId: string; severity: string; subject: { kind: string; key: string; name: string }; message: string; fix: string }[];
    expect(Object.keys(findings[0] ?? {}).sort()).toEqual(['fix', 'message', 'ruleId', 'severity', 'subject']);
    const review = findings.find((f) => f.ruleId === 'policy-review');
    expect(review).toMatchObject({ severity: 'high', subject: { kind: 'trust', name: 'Pendle Education Trust' } });
    expect(findings.filter((f) => f.ruleId === 'core-team-holder')).toHaveLength(15);

    const text = run(['compliance']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^HIGH {2}policy-review {2}Pendle Education Trust$/m);
    expect(text.stdout).toContain('Fix: ');
    expect(text.stderr).toMatch(/^\d+ high, \d+ medium, \d+ low on \d{4}-\d{2}-\d{2}\.$/m);
  });

  it('records the policy review, after which it is no longer overdue', () => {
    const recorded = run(['policy', 'review', '--on', '2026-11-20', '--by', 'Online safety group', '--outcome', 'Approved', '--next', '2027-11-30']);
    expect(recorded.code).toBe(0);
    expect(recorded.stderr).toContain('the next is due by 2027-11-30');
    const findings = JSON.parse(run(['compliance', '--json']).stdout) as { ruleId: string }[];
    expect(findings.some((f) => f.ruleId === 'policy-review')).toBe(false);
    const policy = JSON.parse(run(['policy', 'show', '--json']).stdout) as { nextReviewOn: string; overdue: boolean };
    expect(policy).toMatchObject({ nextReviewOn: '2027-11-30', overdue: false });
  });

  it('changes a setting within the policy, and refuses one laxer than the policy, changing nothing', () => {
    expect(run(['policy', 'set', 'inactiveAfterDays=90']).code).toBe(0);
    const laxer = run(['policy', 'set', 'responseSchoolDays=10']);
    expect(laxer.code).not.toBe(0);
    expect(laxer.stderr).toMatch(/responseSchoolDays/);
    const bad = run(['policy', 'set', 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('KEY=VALUE');
    const policy = JSON.parse(run(['policy', 'show', '--json']).stdout) as { profile: Record<string, unknown>; source: string };
    expect(policy).toMatchObject({ source: 'stored', profile: { inactiveAfterDays: 90, responseSchoolDays: 5 } });
  });

  it('refuses a review whose next date is not after it', () => {
    const reversed = run(['policy', 'review', '--on', '2026-11-20', '--by', 'Group', '--outcome', 'Fine', '--next', '2026-01-01']);
    expect(reversed.code).not.toBe(0);
    expect(reversed.stderr).toMatch(/next review date must be after the review date/i);
  });
});
