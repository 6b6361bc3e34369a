import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

/**
 * The inbox and monitoring commands of the policy issue, through the built binary. The CLI runs
 * on the real clock, so every time here is in the past (autumn 2026).
 */
describe('custodian inbox and monitor', () => {
  const dir = tempDir('custodian-cli-inbox-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const run = (args: string[]) => custodian(args, { env: admin });

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.code, init.stderr).toBe(0);
    expect(run(['example', 'load']).code).toBe(0);
  });
  afterAll(() => dir.remove());

  it('logs an item and says its id and due date; lists the overdue ones as JSON; records a response', () => {
    const add = run(['inbox', 'add', 'x:@SHINEatPPA', '--kind', 'complaint', '--received', '2026-10-23T14:00:00Z', '--summary', 'Trip letter went out late', '--from', '@parent']);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^Logged inbox item \d+: reply by Friday 6 November 2026 \(2026-11-06\)\.\n$/);
    const id = Number(/item (\d+)/.exec(add.stdout)?.[1]);

    const pupil = run(['inbox', 'add', 'x:@pendleeducation', '--kind', 'pupil-contact', '--received', '2026-11-14T10:00:00Z', '--summary', 'A pupil asked for help']);
    expect(pupil.code, pupil.stderr).toBe(0);
    expect(pupil.stdout).toMatch(/reply by Monday 23 November 2026 \(2026-11-23\)/);
    expect(pupil.stderr).toMatch(/DSL/);

    const overdue = run(['inbox', 'list', '--json', '--overdue']);
    expect(overdue.code, overdue.stderr).toBe(0);
    const items = JSON.parse(overdue.stdout) as { id: number; channel: string; dueOn: string; status: string; kind: string; receivedAt: string; from: string | null }[];
    expect(items.map((i) => [i.id, i.channel, i.kind, i.dueOn, i.status])).toEqual([
      [id, 'x:@SHINEatPPA', 'complaint', '2026-11-06', 'overdue'],
      [id + 1, 'x:@pendleeducation', 'pupil-contact', '2026-11-23', 'overdue'],
    ]);
    expect(items[0]).toMatchObject({ receivedAt: '2026-10-23T14:00:00.000Z', from: '@parent' });

    const table = run(['inbox', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/ID\s+CHANNEL\s+KIND/);
    expect(table.stdout).toContain('x:@SHINEatPPA');

    const respond = run(['inbox', 'respond', String(id), '--how', 'acknowledged', '--at', '2026-11-03T10:00:00Z', '--note', 'Head will phone']);
    expect(respond.code, respond.stderr).toBe(0);
    expect(respond.stderr).toMatch(/acknowledged after 2 school days, within the deadline/);
    const again = run(['inbox', 'respond', String(id), '--how', 'answered']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has a response/);

    const all = JSON.parse(run(['inbox', 'list', '--json']).stdout) as { id: number; status: string; schoolDaysTaken: number | null; how: string | null }[];
    expect(all.find((i) => i.id === id)).toMatchObject({ status: 'responded', schoolDaysTaken: 2, how: 'acknowledged' });
    expect((JSON.parse(run(['inbox', 'list', '--json', '--overdue']).stdout) as unknown[]).length).toBe(1);
  });

  it('refuses a bad --kind, a bad ID and a time in the future as usage errors (exit 2), writing nothing', () => {
    const before = (JSON.parse(run(['inbox', 'list', '--json']).stdout) as unknown[]).length;
    const kind = run(['inbox', 'add', 'x:@SHINEatPPA', '--kind', 'rant', '--received', '2026-11-02T09:00:00Z', '--summary', 'x']);
    expect(kind.code).toBe(2);
    expect(kind.stdout).toBe('');
    expect(kind.stderr).toMatch(/--kind must be one of comment, query, complaint, concern, pupil-contact/);
    expect(run(['inbox', 'add', 'x:@SHINEatPPA', '--received', '2026-11-02T09:00:00Z', '--summary', 'x']).code).toBe(2);
    const future = run(['inbox', 'add', 'x:@SHINEatPPA', '--kind', 'query', '--received', '2099-01-01T09:00:00Z', '--summary', 'x']);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/in the future/);
    expect(run(['inbox', 'respond', 'twelve', '--how', 'answered']).code).toBe(2);
    expect(run(['inbox', 'respond', '1', '--how', 'ignored']).code).toBe(2);
    expect(run(['inbox', 'respond', '9999', '--how', 'answered']).code).toBe(1);
    expect((JSON.parse(run(['inbox', 'list', '--json']).stdout) as unknown[]).length).toBe(before);
  });

  it('records check-ins and reports coverage with the days nobody checked', () => {
    for (const at of ['2026-11-18T09:00:00Z', '2026-11-19T09:00:00Z', '2026-11-20T09:00:00Z']) {
      const check = run(['monitor', 'check', 'x:@SHINEatPPA', '--at', at, '--note', 'All fine']);
      expect(check.code, check.stderr).toBe(0);
    }
    const coverage = run(['monitor', 'coverage', '--json', '--from', '2026-11-16', '--to', '2026-11-22']);
    expect(coverage.code, coverage.stderr).toBe(0);
    const report = JSON.parse(coverage.stdout) as { from: string; to: string; channels: { channel: string; checkedDays: number; totalDays: number; missedDays: string[]; weeks: unknown[] }[] };
    expect([report.from, report.to]).toEqual(['2026-11-16', '2026-11-22']);
    expect(report.channels).toHaveLength(15);
    // The vault was made today: the days before its first recorded check (16 and 17 November)
    // were nobody's to check here, so they are neither checked nor missed.
    expect(report.channels.find((c) => c.channel === 'x:@SHINEatPPA')).toEqual({
      channel: 'x:@SHINEatPPA',
      channelName: expect.any(String),
      school: 'PPA',
      countedFrom: '2026-11-18',
      checkedDays: 3,
      totalDays: 5,
      missedDays: ['2026-11-21', '2026-11-22'],
      weeks: [{ weekStarting: '2026-11-16', checked: 3, days: 5 }],
    });
    expect(report.channels.find((c) => c.channel === 'x:@pendleeducation')).toMatchObject({ checkedDays: 0, totalDays: 0, missedDays: [] });
    const table = run(['monitor', 'coverage', '--from', '2026-11-16', '--to', '2026-11-22']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/x:@SHINEatPPA\s+PPA\s+3\/5\s+2026-11-21 2026-11-22/);
    const backwards = run(['monitor', 'coverage', '--from', '2026-11-22', '--to', '2026-11-16']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toMatch(/--from must not be after --to/);
    expect(run(['monitor', 'coverage', '--from', '2026-11-31']).code).toBe(2);
    expect(run(['monitor', 'check', 'x:@SHINEatPPA', '--at', '2099-01-01T09:00:00Z']).code).toBe(2);
  });
});
