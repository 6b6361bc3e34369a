import { describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract/methods';
import { describeIssue } from '../../shared/contract/validate';

/**
 * A refusal names the field first and the rule after it (validate.ts: "<label> <message>."), so a
 * rule that spans two fields must still read as one sentence (issue 17: "The school code SLT and
 * staff members need their school").
 */
describe('refusals that span two fields', () => {
  // As the router answers a call (electron/core/router.ts): the first issue, as one sentence.
  const message = (method: MethodName, input: unknown) => {
    const parsed = contract[method].input.safeParse(input);
    return parsed.success ? null : describeIssue(parsed.error).message;
  };

  it('read as sentences', () => {
    expect(message('person.add', { name: 'Sam', email: 'sam@ppa.example', role: 'slt' })).toBe('The school code is needed for SLT and staff members, who belong to a school.');
    expect(message('person.add', { name: 'Sam', email: 'sam@ppa.example', role: 'core-team', consoleRole: 'poster' })).toBe(
      'The passphrase is needed for a console operator, and only operators have one.',
    );
    expect(message('review.export', { out: '/tmp/pack', from: '2026-01-01' })).toBe('"To" and the start date go together: give both, or neither.');
  });
});
