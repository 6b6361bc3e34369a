import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestVault, value, type TestVault } from '../support/test-vault';

describe('example load --demo', () => {
  let v: TestVault;
  beforeAll(async () => {
    v = await createTestVault();
    const counts = value(await v.call(v.admin, 'example.load', { demo: true, demoPassphrase: 'demo passphrase 2026' }));
    expect(counts).toMatchObject({ schools: 5, channels: 15 });
  });
  afterAll(async () => v.close());

  it('adds a core team, an SLT and staff for each school, and no real addresses', async () => {
    const people = value(await v.call(v.admin, 'person.list', {}));
    const demo = people.filter((p) => p.email.endsWith('.example'));
    expect(demo.filter((p) => p.role === 'core-team').length).toBeGreaterThanOrEqual(3);
    for (const school of ['CPA', 'WCHS', 'CAS', 'CTN', 'PPA']) {
      expect(demo.filter((p) => p.school === school && p.role === 'slt').length, school).toBeGreaterThanOrEqual(1);
      expect(demo.filter((p) => p.school === school && p.role === 'staff').length, school).toBeGreaterThanOrEqual(1);
    }
  });

  it('gives every channel a core-team holder, and every school channel an SLT holder of its school', async () => {
    const people = new Map(value(await v.call(v.admin, 'person.list', {})).map((p) => [p.email, p]));
    const channels = value(await v.call(v.admin, 'channel.list', {}));
    const grants = value(await v.call(v.admin, 'access.list', {}));
    for (const channel of channels) {
      const holders = grants.filter((g) => g.channelId === channel.id).map((g) => people.get(g.holderEmail));
      expect(holders.some((p) => p?.role === 'core-team'), channel.handle).toBe(true);
      if (channel.school !== null) expect(holders.some((p) => p?.role === 'slt' && p.school === channel.school), channel.handle).toBe(true);
    }
  });

  it('adds a year of credential use that verifies, and demo operators can sign in', async () => {
    const since = new Date(v.clock.now().getTime() - 366 * 86_400_000).toISOString();
    const uses = value(await v.call(v.admin, 'audit.list', { since, limit: 10_000 })).filter((e) => e.action === 'totp.code' || e.action === 'secret.reveal');
    expect(uses.length).toBeGreaterThan(15 * 40);
    expect(uses.every((e) => e.reason !== null && e.channel !== null)).toBe(true);
    expect(value(await v.call(v.admin, 'audit.verify', {}))).toMatchObject({ ok: true });
    const poster = value(await v.call(v.admin, 'person.list', {})).find((p) => p.consoleRole === 'poster' && p.email.endsWith('.example'));
    expect(poster).toBeDefined();
    const token = await v.signIn(poster?.email ?? '', 'demo passphrase 2026');
    const held = value(await v.call(token, 'access.list', {})).find((g) => g.holderEmail === poster?.email);
    expect(held).toBeDefined();
    expect(value(await v.call(token, 'totp.code', { channel: held?.channel ?? '', reason: 'Demo check' })).code).toMatch(/^\d{6}$/);
  });

  it('shows a leaver whose access was revoked, and uses in time order', async () => {
    const leaver = value(await v.call(v.admin, 'person.list', {})).find((p) => p.leftOn !== null);
    expect(leaver?.active).toBe(false);
    const history = value(await v.call(v.admin, 'access.list', { includeRevoked: true })).filter((g) => g.holderEmail === leaver?.email);
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((g) => !g.current && g.revokeReason?.startsWith('Left the trust'))).toBe(true);
    const uses = value(await v.call(v.admin, 'audit.list', { limit: 10_000 })).filter((e) => e.details.demo === true && e.action === 'totp.code');
    const times = uses.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('gives the compliance report something true to say: lapsed training, a late and an overdue reply, missed weekend checks', async () => {
    const report = value(await v.call(v.admin, 'compliance.report', {}));
    const rules = (id: string) => report.findings.filter((f) => f.ruleId === id);
    expect(rules('two-factor')).toEqual([]);
    expect(rules('core-team-holder')).toEqual([]);
    expect(rules('poster-training').length).toBeGreaterThan(0);
    expect(rules('response-deadline').map((f) => f.severity).sort()).toEqual(['high', 'medium']);
    expect(rules('monitoring-coverage').every((f) => f.severity !== 'high')).toBe(true);
    expect(rules('policy-review')).toHaveLength(1);
    // Loading the demo again adds no second set of records.
    value(await v.call(v.admin, 'example.load', { demo: true, demoPassphrase: 'demo passphrase 2026' }));
    expect(value(await v.call(v.admin, 'inbox.list', { open: false }))).toHaveLength(4);
  });
});
