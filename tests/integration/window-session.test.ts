import { afterEach, describe, expect, it } from 'vitest';
import { createWindowSession } from '../../electron/core/window-session';
import { ADMIN, createTestVault, value, type TestVault } from '../support/test-vault';

describe('a window session', () => {
  let v: TestVault | null = null;
  afterEach(async () => v?.close());

  it('keeps the token in main: the page gets the operator, and its calls run as that operator', async () => {
    v = await createTestVault();
    const window = createWindowSession(v.core);
    expect(await window.invoke('school.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const signedIn = await window.invoke('auth.signIn', { email: ADMIN.email, passphrase: ADMIN.passphrase });
    expect(signedIn).toEqual({ ok: true, value: { operator: expect.objectContaining({ email: ADMIN.email, consoleRole: 'admin' }), offerRecoveryKit: false } });
    expect(JSON.stringify(signedIn)).not.toMatch(/token/);
    expect(window.signedIn).toBe(true);
    value((await window.invoke('example.load', { demo: false })) as never);
    await window.end();
    expect(await window.invoke('channel.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('summarises the policy gaps on the dashboard', async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'Sam', email: 'sam@ppa.example', role: 'slt', school: 'PPA' }));
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@SHINEatPPA', email: ADMIN.email }));
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@SHINEatPPA', email: 'sam@ppa.example' }));
    value(await v.call(v.admin, 'channel.update', { channel: 'x:@SHINEatPPA', twoFactor: 'enabled' }));
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@pendleeducation', email: 'sam@ppa.example' }));
    value(await v.call(v.admin, 'person.markLeft', { email: 'sam@ppa.example', on: '2026-12-31' }));
    const summary = value(await v.call(v.admin, 'dashboard.summary', {}));
    expect(summary.counts).toEqual({ channels: 15, schools: 5, holders: 3 });
    expect(summary.withoutCoreTeamHolder).toHaveLength(14);
    expect(summary.withoutCoreTeamHolder).not.toContain('x:@SHINEatPPA');
    expect(summary.withoutSchoolSltHolder).toHaveLength(10);
    expect(summary.withoutTwoFactor).toHaveLength(14);
    expect(summary.holdersWhoLeft).toEqual([]);
    v.clock.set(new Date('2027-01-05T10:00:00Z'));
    const later = value(await v.call(v.admin, 'dashboard.summary', {}));
    expect(later.holdersWhoLeft).toEqual([
      { channel: 'x:@SHINEatPPA', holderEmail: 'sam@ppa.example' },
      { channel: 'x:@pendleeducation', holderEmail: 'sam@ppa.example' },
    ]);
    expect(later.withoutSchoolSltHolder).toHaveLength(11);
  });
});
