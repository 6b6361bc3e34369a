import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { custodian } from '../support/run-custodian';
import { ADMIN, createTestVault, tempDir, value, type TestVault } from '../support/test-vault';

const PPA_X = 'x:@SHINEatPPA';
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

describe('the monitoring rota', () => {
  let v: TestVault;

  beforeEach(async () => {
    v = await createTestVault();
    value(await v.call(v.admin, 'example.load', { demo: false }));
    value(await v.call(v.admin, 'person.add', { name: 'Sam Staff', email: 'sam@ppa.example', role: 'staff', school: 'PPA' }));
    value(await v.call(v.admin, 'person.add', { name: 'Wes Staff', email: 'wes@wchs.example', role: 'staff', school: 'WCHS' }));
  });
  afterEach(async () => v.close());

  const rotaFindings = async (channel: string) =>
    value(await v.call(v.admin, 'compliance.report', {})).findings.filter((f) => f.ruleId === 'monitoring-rota' && f.subject.key.toLowerCase() === channel.toLowerCase());

  it('puts people on a channel’s rota by day, after which the report has no gap for it', async () => {
    expect(await rotaFindings(PPA_X)).toEqual([expect.objectContaining({ severity: 'medium' })]);
    value(await v.call(v.admin, 'monitor.assign', { channel: PPA_X, email: 'sam@ppa.example', days: [...WEEKDAYS] }));
    const rota = value(await v.call(v.admin, 'monitor.assign', { channel: PPA_X, email: ADMIN.email, days: ['sat', 'sun'] }));
    expect(rota.days).toMatchObject({ mon: { email: 'sam@ppa.example', active: true }, sun: { email: ADMIN.email, active: true } });
    expect(await rotaFindings(PPA_X)).toEqual([]);
    const listed = value(await v.call(v.admin, 'monitor.rota', {}));
    expect(listed).toHaveLength(15);

    value(await v.call(v.admin, 'monitor.unassign', { channel: PPA_X, days: ['sun'] }));
    const gap = await rotaFindings(PPA_X);
    expect(gap).toEqual([expect.objectContaining({ severity: 'low' })]);
    expect(gap[0]?.message).toContain('on Sundays');
    const trail = value(await v.call(v.admin, 'audit.list', { channel: PPA_X })).map((e) => e.action);
    expect(trail.filter((a) => a.startsWith('monitor.'))).toEqual(['monitor.unassign', 'monitor.assign', 'monitor.assign']);
  });

  it('refuses someone from another school, and someone who has left', async () => {
    const other = await v.call(v.admin, 'monitor.assign', { channel: PPA_X, email: 'wes@wchs.example', days: ['mon'] });
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.error).toMatchObject({ code: 'conflict', field: 'email' });
    value(await v.call(v.admin, 'person.markLeft', { email: 'sam@ppa.example', on: '2026-11-01' }));
    const leaver = await v.call(v.admin, 'monitor.assign', { channel: PPA_X, email: 'sam@ppa.example', days: ['mon'] });
    expect(leaver.ok).toBe(false);
    expect(value(await v.call(v.admin, 'monitor.rota', {})).find((r) => r.channel === PPA_X)?.days.mon).toBeNull();
  });

  it('refuses a day that is not a day, naming the field', async () => {
    const bad = await v.call(v.admin, 'monitor.assign', { channel: PPA_X, email: 'sam@ppa.example', days: ['someday' as 'mon'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.field).toMatch(/^days/);
  });
});

describe('custodian monitor rota, assign and unassign', () => {
  it('assigns from the command line and prints the rota as JSON; a bad --days is a usage error', () => {
    const dir = tempDir('custodian-cli-rota-');
    try {
      const env = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
      expect(custodian(['init', '--trust', 'T', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], { env }).code).toBe(0);
      expect(custodian(['example', 'load'], { env }).code).toBe(0);
      const assigned = custodian(['monitor', 'assign', 'x:@pendleeducation', 'head@pet.example', '--days', 'sat,sun'], { env });
      expect(assigned.code).toBe(0);
      const rota = JSON.parse(custodian(['monitor', 'rota', '--json'], { env }).stdout) as { channel: string; days: Record<string, { email: string } | null> }[];
      expect(rota.find((r) => r.channel === 'x:@pendleeducation')?.days).toMatchObject({ sat: { email: 'head@pet.example' }, sun: { email: 'head@pet.example' }, mon: null });
      const bad = custodian(['monitor', 'assign', 'x:@pendleeducation', 'head@pet.example', '--days', 'weekends'], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--days takes days written mon,tue');
    } finally {
      dir.remove();
    }
  });
});
