import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { custodian } from '../support/run-custodian';
import { tempDir } from '../support/test-vault';

const LANCASHIRE = fileURLToPath(new URL('../../resources/calendar/lancashire-terms.csv', import.meta.url));
const BANK_HOLIDAYS = fileURLToPath(new URL('../../resources/calendar/england-and-wales-bank-holidays.json', import.meta.url));

/** The policy commands of the CLI contract (training, calendar), through the built binary. */
describe('custodian training and calendar', () => {
  const dir = tempDir('custodian-cli-policy-');
  const files = tempDir('custodian-cli-policy-files-');
  const admin = { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_OPERATOR: 'head@pet.example', CUSTODIAN_PASSPHRASE: 'a long admin passphrase' };
  const run = (args: string[], env: NodeJS.ProcessEnv = admin) => custodian(args, { env });

  beforeAll(() => {
    const init = custodian(['init', '--trust', 'Pendle Education Trust', '--admin-name', 'Hannah Head', '--admin-email', 'head@pet.example'], {
      env: { CUSTODIAN_DATA_DIR: dir.path, CUSTODIAN_PASSPHRASE: admin.CUSTODIAN_PASSPHRASE },
    });
    expect(init.code, init.stderr).toBe(0);
    expect(run(['example', 'load']).code).toBe(0);
    expect(run(['person', 'add', '--name', 'Sam Staff', '--email', 'sam.staff@ppa.example', '--role', 'staff', '--school', 'PPA']).code).toBe(0);
  });
  afterAll(() => {
    dir.remove();
    files.remove();
  });

  it('records training, then lists it as JSON with camelCase keys', () => {
    const recorded = run(['training', 'record', 'sam.staff@ppa.example', '--on', '2026-03-02', '--trainer', 'head@pet.example', '--note', 'Moderation basics']);
    expect(recorded.code, recorded.stderr).toBe(0);
    expect(recorded.stderr).toContain('Recorded training for Sam Staff');
    const list = run(['training', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const records = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(records).toEqual([
      expect.objectContaining({
        personEmail: 'sam.staff@ppa.example',
        personName: 'Sam Staff',
        trainedOn: '2026-03-02',
        trainerEmail: 'head@pet.example',
        trainerName: 'Hannah Head',
        expiresOn: '2027-03-02',
      }),
    ]);
    const table = run(['training', 'list']);
    expect(table.stdout).toMatch(/Sam Staff\s+sam\.staff@ppa\.example\s+PPA\s+2026-03-02/);
  });

  it('refuses training with a bad date (usage, exit 2) or a trainer who is not an administrator (exit 1)', () => {
    const badDate = run(['training', 'record', 'sam.staff@ppa.example', '--on', '02/03/2026']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--on must be a date written YYYY-MM-DD');
    const notAdmin = run(['training', 'record', 'sam.staff@ppa.example', '--on', '2026-03-02', '--trainer', 'sam.staff@ppa.example']);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toContain('is not an account administrator');
  });

  it('imports a school’s term dates, then shows them as JSON and as a table', () => {
    const imported = run(['calendar', 'import', '--school', 'PPA', LANCASHIRE]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain('6 term(s), 6 half term(s)');

    const shown = run(['calendar', 'show', '--school', 'PPA', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const view = JSON.parse(shown.stdout) as { scope: string; source: string; terms: unknown[]; knownUntil: string; insetDays: string[]; bankHolidays: { date: string }[] };
    expect(view).toMatchObject({ scope: 'PPA', source: 'imported', knownUntil: '2027-07-21', insetDays: [] });
    expect(view.terms).toHaveLength(6);
    expect(view.bankHolidays.map((h) => h.date)).toContain('2026-12-25');

    const table = run(['calendar', 'show', '--school', 'ppa']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/half-term\s+Autumn half term 2026\s+Mon 26 Oct 2026\s+Fri 30 Oct 2026/);
    expect(table.stdout).toMatch(/bank holiday\s+Christmas Day\s+Fri 25 Dec 2026/);

    const other = JSON.parse(run(['calendar', 'show', '--school', 'TRUST', '--json']).stdout) as { source: string; name: string };
    expect(other).toMatchObject({ source: 'default', name: 'Pendle Education Trust' });
  });

  it('imports the gov.uk bank holidays file', () => {
    const result = run(['calendar', 'bank-holidays', BANK_HOLIDAYS]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Imported 24 bank holidays, from Wed 1 Jan 2025 to Tue 28 Dec 2027');
  });

  it('says clearly when the file is missing or not usable, and changes nothing', () => {
    const missing = run(['calendar', 'import', '--school', 'PPA', join(files.path, 'no-such.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no file');
    expect(missing.stderr).toContain('no-such.csv');

    const bad = join(files.path, 'bad.csv');
    writeFileSync(bad, 'kind,name,start,end\nterm,Autumn,2026-09-01,2026-08-01\n');
    const refused = run(['calendar', 'import', '--school', 'PPA', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 2: end 2026-08-01 is before start 2026-09-01');
    expect((JSON.parse(run(['calendar', 'show', '--school', 'PPA', '--json']).stdout) as { terms: unknown[] }).terms).toHaveLength(6);

    const big = join(files.path, 'big.csv');
    writeFileSync(big, 'x'.repeat(200 * 1024 + 1));
    expect(run(['calendar', 'import', '--school', 'PPA', big]).stderr).toContain('too large');
    expect(run(['calendar', 'bank-holidays', join(files.path, 'missing.json')]).code).toBe(1);
    expect(run(['calendar', 'import', LANCASHIRE]).code).toBe(2);
    expect(run(['calendar', 'show', '--school', 'NOPE']).code).toBe(1);
  });
});
