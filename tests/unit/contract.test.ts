import { describe, expect, it } from 'vitest';
import { contract, isMethodName } from '../../shared/contract/methods';
import { describeIssue } from '../../shared/contract/validate';
import { parseChannelRef } from '../../shared/domain/handle';

function firstError(method: keyof typeof contract, input: unknown) {
  const parsed = contract[method].input.safeParse(input);
  if (parsed.success) throw new Error('expected a validation error');
  return describeIssue(parsed.error);
}

describe('the contract validates at the door', () => {
  it('names the bad field in a sentence', () => {
    expect(firstError('person.add', { name: 'A', email: 'nope', role: 'staff', school: 'PPA' })).toEqual({
      code: 'invalid_input',
      field: 'email',
      message: 'The email address must look like name@school.org.uk.',
    });
    expect(firstError('channel.add', { platform: 'myspace', handle: '@x' })).toMatchObject({ field: 'platform', message: expect.stringContaining('must be one of x, facebook') });
    expect(firstError('person.markLeft', { email: 'a@b.example', on: '2026-02-30' })).toMatchObject({ field: 'on' });
    expect(firstError('school.add', { name: 'S', code: 'ppa', extra: 1 })).toMatchObject({ message: expect.stringContaining('unknown field extra') });
    expect(firstError('person.add', { name: 'A', email: 'a@b.example', role: 'slt' })).toMatchObject({ field: 'school' });
  });

  it('never echoes a secret value in a validation message', () => {
    const secret = 'hunter2-very-secret-value';
    const error = firstError('secret.set', { channel: 'x:@a', kind: 'pin', value: secret });
    expect(JSON.stringify(error)).not.toContain(secret);
    const tooLong = firstError('secret.set', { channel: 'x:@a', kind: 'password', value: secret.repeat(4000) });
    expect(tooLong.message).not.toContain(secret);
  });

  it('knows only its own methods', () => {
    expect(isMethodName('audit.verify')).toBe(true);
    expect(isMethodName('constructor')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(isMethodName(42)).toBe(false);
  });

  it('reads CHANNEL as platform:handle (any case, @ optional) or an id', () => {
    expect(parseChannelRef('x:@SHINEatPPA')).toEqual({ platform: 'x', key: 'shineatppa' });
    expect(parseChannelRef('X:shineatppa')).toEqual({ platform: 'x', key: 'shineatppa' });
    expect(parseChannelRef('facebook:West Craven  High School')).toEqual({ platform: 'facebook', key: 'west craven high school' });
    expect(parseChannelRef('12')).toEqual({ id: 12 });
    expect(parseChannelRef('tiktok:@a')).toBeNull();
    expect(parseChannelRef('x:')).toBeNull();
    expect(parseChannelRef('@a')).toBeNull();
  });

  it('lets only admins change the register, and every role read channels', () => {
    for (const method of ['secret.set', 'access.grant', 'access.revoke', 'person.add', 'channel.add', 'channel.update', 'school.add'] as const) {
      expect(contract[method].access).toEqual(['admin']);
    }
    expect(contract['channel.list'].access).toEqual(['admin', 'auditor', 'poster']);
    expect(contract['audit.list'].access).toEqual(['admin', 'auditor']);
  });
});
