import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestVault, value, type TestVault } from '../support/test-vault';

describe("an SLT auditor sees their own school's register and audit only", () => {
  let v: TestVault;
  let sltAuditor: string;
  let trustAuditor: string;

  beforeAll(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'Pat PPA', email: 'pat@ppa.example', role: 'slt', school: 'PPA', consoleRole: 'auditor', passphrase: 'ppa auditor pass' }));
    value(await v.call(v.admin, 'person.add', { name: 'Cal CAS', email: 'cal@cas.example', role: 'slt', school: 'CAS' }));
    value(await v.call(v.admin, 'person.add', { name: 'Tia Trust', email: 'tia@pet.example', role: 'core-team', consoleRole: 'auditor', passphrase: 'trust auditor pass' }));
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@SHINEatPPA', email: 'pat@ppa.example' }));
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@SHINEatCPA', email: 'cal@cas.example' }));
    value(await v.call(v.admin, 'access.grant', { channel: 'x:@pendleeducation', email: 'tia@pet.example' }));
    sltAuditor = await v.signIn('pat@ppa.example', 'ppa auditor pass');
    trustAuditor = await v.signIn('tia@pet.example', 'trust auditor pass');
  });
  afterAll(async () => v.close());

  it('limits channels, people, holders, the dashboard and the audit trail to the school', async () => {
    const me = value(await v.call(sltAuditor, 'auth.whoami', {}));
    expect(me.schoolScope).toBe('PPA');
    const channels = value(await v.call(sltAuditor, 'channel.list', {}));
    expect(channels.map((c) => c.school)).toEqual(['PPA', 'PPA', 'PPA']);
    expect(value(await v.call(sltAuditor, 'person.list', {})).map((p) => p.email)).toEqual(['pat@ppa.example']);
    expect(value(await v.call(sltAuditor, 'access.list', {})).map((g) => g.channel)).toEqual(['x:@SHINEatPPA']);
    const events = value(await v.call(sltAuditor, 'audit.list', { limit: 1000 }));
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.school))).toEqual(new Set(['PPA']));
    expect(value(await v.call(sltAuditor, 'dashboard.summary', {})).counts).toMatchObject({ channels: 3, holders: 1 });
  });

  it("refuses another school's channel or audit, and lets a core-team auditor see everything", async () => {
    expect(await v.call(sltAuditor, 'audit.list', { channel: 'x:@SHINEatCPA' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(sltAuditor, 'audit.list', { school: 'CAS' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await v.call(sltAuditor, 'access.list', { channel: 'x:@pendleeducation' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(value(await v.call(trustAuditor, 'auth.whoami', {})).schoolScope).toBeNull();
    expect(value(await v.call(trustAuditor, 'channel.list', {}))).toHaveLength(15);
    expect(value(await v.call(trustAuditor, 'access.list', {}))).toHaveLength(3);
  });
});
